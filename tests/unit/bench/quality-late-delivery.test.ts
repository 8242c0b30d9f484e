import { expect } from 'chai';
import { measureQuality } from '../../../bench/suites/measure-quality.js';

/**
 * The quality bench's path on a small constituency: every labelled attack is still found when a
 * tenth of the organisations ships in blocks, a fifth of the lines is held up by seconds to minutes
 * and one organisation's clocks run three hours ahead; the stretch held back two hours is late.
 */
describe('bench > quality under late and out-of-order delivery', function () {
  this.timeout(180_000);
  let result: Awaited<ReturnType<typeof measureQuality>>;

  before(async () => {
    result = await measureQuality({ organisations: 10, linesPerOrganisation: 1500, startMs: Date.UTC(2025, 2, 10), durationMs: 24 * 3_600_000, attacksPerScenario: 2, seed: 5 });
  });

  it('delivers attacks through every behaviour of the model, not only promptly', () => {
    const delivery = result.figures.delivery as { linesByDelivery: Record<string, number>; linesOvertaken: number; attacksTouchingBatchedOrganisations: number; attacksTouchingClockAheadOrganisation: number };
    expect(delivery.linesByDelivery.batched).to.be.greaterThan(0);
    expect(delivery.linesByDelivery.jittered).to.be.greaterThan(0);
    expect(delivery.linesByDelivery['beyond-lateness']).to.be.greaterThan(0);
    expect(delivery.linesOvertaken).to.be.greaterThan(0);
    expect(delivery.attacksTouchingBatchedOrganisations).to.be.greaterThan(0);
    expect(delivery.attacksTouchingClockAheadOrganisation).to.be.greaterThan(0);
  });

  it('raises an alert for every labelled attack of every scenario, and files it into an incident unless the alert is weak', () => {
    for (const [scenario, figures] of Object.entries(result.scenarios)) {
      expect(figures.instances, scenario).to.be.greaterThan(0);
      expect(figures.alerted, scenario).to.equal(figures.instances);
      // A port scan from the internet alone is a low alert: it adds to the risk of the address and the
      // scanned host (docs/correlation-and-ioc.md) and opens an incident only with more signs.
      if (scenario !== 'port-scan') expect(figures.missed, scenario).to.deep.equal([]);
    }
  });

  it('counts the stretch held back beyond the allowed lateness as late: its correlations stay silent, its single-event rules fire', () => {
    expect(result.figures.lateEvents).to.be.greaterThan(0);
    expect(result.lateAttacks.map((late) => late.expected)).to.include.members(['found', 'not correlated']);
    expect(result.lateAttacks.filter((late) => !late.asExpected)).to.deep.equal([]);
  });
});
