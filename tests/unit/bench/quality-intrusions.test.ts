import { expect } from 'chai';
import { measureQuality } from '../../../bench/suites/measure-quality.js';
import { INTRUSIONS } from '../../../bench/traffic/intrusions/intrusion-scenarios.js';

/**
 * The quality bench's multi-stage intrusions on a small constituency, filed into incidents by the
 * incident recorder's own step: every stage of every intrusion raises an alert and lands in an
 * incident, and each intrusion is one incident, for its organisation and in the CERT's queue.
 */
describe('bench > quality > multi-stage intrusions', function () {
  this.timeout(180_000);
  let result: Awaited<ReturnType<typeof measureQuality>>;

  before(async () => {
    result = await measureQuality({ organisations: 8, linesPerOrganisation: 1200, startMs: Date.UTC(2025, 2, 10), durationMs: 24 * 3_600_000, attacksPerScenario: 2, seed: 11 });
  });

  it('runs every intrusion of the bench, each with its stages', () => {
    expect(Object.keys(result.intrusions)).to.have.members(Object.keys(INTRUSIONS));
    for (const [scenario, figures] of Object.entries(result.intrusions)) {
      expect(figures.instances, scenario).to.equal(2);
      expect(Object.keys(figures.stages), scenario).to.deep.equal([...INTRUSIONS[scenario as keyof typeof INTRUSIONS].stages]);
    }
  });

  it('raises an alert for every stage and holds every stage in an incident', () => {
    for (const [scenario, figures] of Object.entries(result.intrusions)) {
      for (const [stage, tally] of Object.entries(figures.stages)) expect(tally, `${scenario} ${stage}`).to.deep.equal({ alerted: 2, inIncident: 2 });
      expect(figures.stagesNotInIncident, scenario).to.deep.equal([]);
    }
  });

  it('makes each intrusion one incident above informational, in its organisation and for the CERT', () => {
    for (const [scenario, figures] of Object.entries(result.intrusions)) {
      expect(figures.missed, scenario).to.deep.equal([]);
      for (const [label, count] of Object.entries(figures.incidentsPerInstance)) expect(count, label).to.deep.equal({ cert: 1, organisation: 1 });
    }
    expect(result.targets.incidentsPerIntrusion).to.deep.include({ value: 1, met: true });
    expect(result.targets.intrusionRecall).to.deep.include({ value: 1, met: true });
  });

  it('opens no incident above informational from the background alone', () => {
    expect(result.queues.cert.incidentsAboveInformational).to.be.greaterThan(0);
    expect(result.queues.cert.incidentsWithoutAttackByRule).to.deep.equal({});
    expect(result.targets.precisionAboveInformational).to.deep.include({ value: 1, met: true });
  });
});
