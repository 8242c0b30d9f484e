import { expect } from 'chai';
import { chooseDeliveryProfile, planDelivery, type DeliveryOptions, type ProfileOptions, type WrittenLine } from '../../../cli/demo/delivery-order.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const START = Date.UTC(2025, 2, 10);

/** 100 sources writing one line a minute each, staggered, over six hours: sorted by time as written. */
function stream(): WrittenLine[] {
  const lines: WrittenLine[] = [];
  for (let time = START; time < START + 6 * HOUR; time += MINUTE) {
    for (let s = 0; s < 100; s++) lines.push({ time: time + s * 100, source: `source-${s}` });
  }
  return lines;
}

const SOURCES = Array.from({ length: 100 }, (_, s) => `source-${s}`);
const PROFILE: ProfileOptions = {
  seed: 11,
  batchedShare: 0.1,
  batchPeriodMs: [10 * MINUTE, 30 * MINUTE],
  clockAheadMs: 3 * HOUR,
  beyondLateness: { spanMs: 10 * MINUTE, delayMs: 2 * HOUR, within: [START, START + 4 * HOUR], quiet: () => true },
};
const DELIVERY: DeliveryOptions = { seed: 12, transportMs: 500, jitterShare: 0.2, jitterMs: [2_000, 3 * MINUTE] };

describe('cli > demo > delivery order', () => {
  const lines = stream();
  const profile = chooseDeliveryProfile(SOURCES, PROFILE);
  const plan = planDelivery(lines, profile, DELIVERY);

  it('is the same plan for the same seeds and another one for another seed', () => {
    expect(planDelivery(lines, chooseDeliveryProfile(SOURCES, PROFILE), DELIVERY)).to.deep.equal(plan);
    const other = planDelivery(lines, chooseDeliveryProfile(SOURCES, { ...PROFILE, seed: 99 }), { ...DELIVERY, seed: 99 });
    expect(other.map((d) => d.index)).to.not.deep.equal(plan.map((d) => d.index));
  });

  it('delivers every line exactly once, sorted by arrival, never before it was written', () => {
    expect(plan).to.have.length(lines.length);
    expect(new Set(plan.map((d) => d.index)).size).to.equal(lines.length);
    expect(plan.filter((d, i) => i > 0 && d.arrivalMs < plan[i - 1]!.arrivalMs)).to.deep.equal([]);
    expect(plan.filter((d) => d.arrivalMs < lines[d.index]!.time + DELIVERY.transportMs)).to.deep.equal([]);
  });

  it('batches the share of sources asked for, each every 10 to 30 minutes, written order kept inside a block', () => {
    expect(profile.batched.size).to.equal(10);
    for (const schedule of profile.batched.values()) expect(schedule.periodMs).to.be.within(10 * MINUTE, 30 * MINUTE);
    const blocks = new Map<string, number[]>();
    for (const d of plan.filter((d) => d.kind === 'batched')) {
      const line = lines[d.index]!;
      const { periodMs, phaseMs } = profile.batched.get(line.source)!;
      expect((d.arrivalMs - DELIVERY.transportMs - phaseMs) % periodMs, 'arrives at a block boundary').to.equal(0);
      expect(d.arrivalMs - line.time).to.be.within(DELIVERY.transportMs + 1, periodMs + DELIVERY.transportMs);
      const key = `${line.source}@${d.arrivalMs}`;
      blocks.set(key, [...(blocks.get(key) ?? []), line.time]);
    }
    expect(plan.filter((d) => d.kind === 'batched')).to.have.length(lines.filter((line) => profile.batched.has(line.source)).length);
    for (const times of blocks.values()) expect(times).to.deep.equal([...times].sort((a, b) => a - b));
    // A block of at least 10 minutes of a source writing every minute holds about 10 lines, not one.
    expect(Math.min(...[...blocks.values()].map((times) => times.length))).to.be.greaterThan(1);
  });

  it('holds up about the jitter share of the other lines, by seconds to minutes, so that some overtake others', () => {
    const jittered = plan.filter((d) => d.kind === 'jittered');
    const eligible = plan.filter((d) => d.kind === 'prompt' || d.kind === 'jittered').length;
    expect(eligible).to.equal(lines.length - plan.filter((d) => d.kind === 'batched' || d.kind === 'beyond-lateness').length);
    expect(jittered.length / eligible).to.be.within(0.18, 0.22);
    const delays = jittered.map((d) => d.arrivalMs - lines[d.index]!.time - DELIVERY.transportMs);
    expect(Math.min(...delays)).to.be.at.least(2_000);
    expect(Math.max(...delays)).to.be.within(2 * MINUTE, 3 * MINUTE);
    let overtaken = 0;
    const newest = new Map<string, number>();
    for (const d of plan) {
      const line = lines[d.index]!;
      if (line.time < (newest.get(line.source) ?? -Infinity)) overtaken++;
      newest.set(line.source, Math.max(line.time, newest.get(line.source) ?? -Infinity));
    }
    expect(overtaken).to.be.greaterThan(jittered.length / 2);
  });

  it('shifts every line of the one source with a clock ahead by three hours, and no other line', () => {
    expect(profile.clockAhead.size).to.equal(1);
    const [ahead] = [...profile.clockAhead.keys()];
    expect(profile.batched.has(ahead!)).to.equal(false);
    const offsets = (source: string) => new Set(plan.filter((d) => (lines[d.index]!.source === ahead) === (source === ahead)).map((d) => d.stampedMs - lines[d.index]!.time));
    expect([...offsets(ahead!)]).to.deep.equal([3 * HOUR]);
    expect([...offsets('any other')]).to.deep.equal([0]);
    // The clock is wrong, not the network: the source still delivers on true time.
    expect(Math.max(...plan.filter((d) => lines[d.index]!.source === ahead).map((d) => d.arrivalMs - lines[d.index]!.time))).to.be.below(3 * MINUTE + 1000);
  });

  it('gives the clock ahead to a source the caller prefers, if there is one', () => {
    const preferred = chooseDeliveryProfile(SOURCES, { ...PROFILE, clockAheadPrefers: (source) => source === 'source-42' || source === 'source-43' });
    const ahead = [...preferred.clockAhead.keys()];
    expect(ahead).to.have.length(1);
    expect(['source-42', 'source-43']).to.include(ahead[0]);
    expect(chooseDeliveryProfile(SOURCES, { ...PROFILE, clockAheadPrefers: () => false }).clockAhead.size).to.equal(1);
  });

  it('delivers one stretch of one source two hours late, together, and only that stretch', () => {
    const held = profile.beyondLateness!;
    expect(held.toMs - held.fromMs).to.equal(10 * MINUTE);
    expect(profile.batched.has(held.source) || profile.clockAhead.has(held.source)).to.equal(false);
    const late = plan.filter((d) => d.kind === 'beyond-lateness');
    expect(late.map((d) => lines[d.index]!)).to.deep.equal(lines.filter((line) => line.source === held.source && line.time >= held.fromMs && line.time < held.toMs));
    expect(late.length).to.equal(10);
    for (const d of late) expect(d.arrivalMs).to.equal(held.toMs + 2 * HOUR + DELIVERY.transportMs);
  });

  it('holds back only a stretch the caller calls quiet, and none when no stretch is', () => {
    const quietAfterTwo = chooseDeliveryProfile(SOURCES, { ...PROFILE, beyondLateness: { ...PROFILE.beyondLateness!, quiet: (_source, fromMs) => fromMs >= START + 2 * HOUR } });
    expect(quietAfterTwo.beyondLateness!.fromMs).to.be.at.least(START + 2 * HOUR);
    expect(chooseDeliveryProfile(SOURCES, { ...PROFILE, beyondLateness: { ...PROFILE.beyondLateness!, quiet: () => false } }).beyondLateness).to.equal(undefined);
  });
});
