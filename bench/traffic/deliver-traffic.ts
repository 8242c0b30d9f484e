import { chooseDeliveryProfile, planDelivery, type DeliveryKind, type DeliveryProfile, type HeldStretch } from '../../cli/demo/delivery-order.js';
import { avNotRemoved, phishingClick, portScan, windowsPasswordGuessing, type AttackInstance } from './attack-scenarios.js';
import type { Traffic } from './generate-traffic.js';
import type { GeneratedLine } from './generated-line.js';
import { restampLine } from './log-line-formats.js';
import { RandomSource } from '../../cli/demo/random-source.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** An attack inside the stretch delivered beyond the allowed lateness, with what detection should make of it. */
export interface LateAttackInstance extends AttackInstance {
  /** Correlations never see late events; single-event rules still do. */
  expected: 'found' | 'not correlated';
}

export interface DeliveredTraffic {
  /** In the order the collector receives them, each with its arrival time and the time it carries. */
  lines: GeneratedLine[];
  lateInstances: LateAttackInstance[];
  profile: DeliveryProfile;
  figures: Record<string, unknown>;
}

/**
 * Attacks written into the held-back stretch, at fixed minutes of it: two that only correlations
 * find (on hosts that keep sending meanwhile, so their lines are late when the block comes) and
 * two that single-event rules find. The offsets keep each attack inside the 10-minute stretch.
 */
const LATE_ATTACKS = [
  { scenario: 'windows-password-guessing', make: windowsPasswordGuessing, offsetMs: 30_000, expected: 'not correlated' },
  { scenario: 'port-scan', make: portScan, offsetMs: 4 * MINUTE, expected: 'not correlated' },
  { scenario: 'phishing-click', make: phishingClick, offsetMs: 5 * MINUTE, expected: 'found' },
  { scenario: 'av-not-removed', make: avNotRemoved, offsetMs: 6 * MINUTE, expected: 'found' },
] as const;

/**
 * The generated day as forwarders deliver it (see cli/demo/delivery-order.ts), organisations being
 * the sources: 10 % ship in blocks every 10–30 minutes, a fifth of the other lines is held up by 2 s
 * to 3 min, one organisation's clocks run 3 h ahead, and 10 minutes of one organisation arrive 2 h
 * late, with the attacks of LATE_ATTACKS in them. That stretch is chosen where no labelled attack of
 * the day falls, so every one of those is still expected to be found.
 */
export function deliverTraffic(traffic: Traffic, seed: number): DeliveredTraffic {
  const labelledTimes = new Map<string, number[]>();
  for (const line of traffic.lines) {
    if (!line.label) continue;
    const times = labelledTimes.get(line.organizationId) ?? [];
    times.push(line.time);
    labelledTimes.set(line.organizationId, times);
  }
  const first = traffic.lines[0]!.time;
  const last = traffic.lines[traffic.lines.length - 1]!.time;
  const profile = chooseDeliveryProfile(
    traffic.organisations.map((org) => org.organisation.id),
    {
      seed,
      batchedShare: 0.1,
      batchPeriodMs: [10 * MINUTE, 30 * MINUTE],
      clockAheadMs: 3 * HOUR,
      // An organisation with an attack of its own, so that the figures show attacks found through a wrong clock.
      clockAheadPrefers: (source) => traffic.instances.some((instance) => instance.organizationIds.length === 1 && instance.organizationIds[0] === source),
      beyondLateness: {
        spanMs: 10 * MINUTE,
        delayMs: 2 * HOUR,
        // Not in the first hour, so that the organisation has sent before; ends early enough that the block arrives within the day.
        within: [first + HOUR, last - 3 * HOUR],
        quiet: (source, fromMs, toMs) => !(labelledTimes.get(source) ?? []).some((time) => time >= fromMs && time < toMs),
      },
    },
  );
  const held = profile.beyondLateness;
  if (!held) throw new Error('no quiet stretch to hold back: the traffic has labelled attacks everywhere');
  const { lines: lateLines, instances: lateInstances } = lateAttacks(traffic, held, seed);
  const written = [...traffic.lines, ...lateLines].sort((a, b) => a.time - b.time);
  const plan = planDelivery(
    written.map((line) => ({ time: line.time, source: line.organizationId })),
    profile,
    { seed: seed + 1, transportMs: 500, jitterShare: 0.2, jitterMs: [2_000, 3 * MINUTE] },
  );
  const lines = plan.map((delivery): GeneratedLine => {
    const line = written[delivery.index]!;
    const text = delivery.stampedMs === line.time ? line.text : restampLine(line.text, line.time, delivery.stampedMs);
    return { ...line, text, time: delivery.stampedMs, arrivalMs: delivery.arrivalMs };
  });
  const kinds: Record<DeliveryKind, number> = { prompt: 0, jittered: 0, batched: 0, 'beyond-lateness': 0 };
  for (const delivery of plan) kinds[delivery.kind]++;
  return {
    lines,
    lateInstances,
    profile,
    figures: {
      lines: lines.length,
      linesByDelivery: kinds,
      linesOvertaken: overtaken(lines),
      attacksTouchingBatchedOrganisations: traffic.instances.filter((instance) => instance.organizationIds.some((id) => profile.batched.has(id))).length,
      attacksTouchingClockAheadOrganisation: traffic.instances.filter((instance) => instance.organizationIds.some((id) => profile.clockAhead.has(id))).length,
      batchedOrganisations: Object.fromEntries([...profile.batched].map(([source, batch]) => [source, `every ${(batch.periodMs / MINUTE).toFixed(1)} min`])),
      clockAhead: Object.fromEntries([...profile.clockAhead].map(([source, offset]) => [source, `+${offset / HOUR} h`])),
      heldBack: { organisation: held.source, from: new Date(held.fromMs).toISOString(), to: new Date(held.toMs).toISOString(), arrives: new Date(held.toMs + held.delayMs).toISOString(), lines: kinds['beyond-lateness'] },
    },
  };
}

function lateAttacks(traffic: Traffic, held: HeldStretch, seed: number): { lines: GeneratedLine[]; instances: LateAttackInstance[] } {
  const org = traffic.organisations.find((candidate) => candidate.organisation.id === held.source)!;
  const random = new RandomSource(seed + 2);
  const lines: GeneratedLine[] = [];
  const instances: LateAttackInstance[] = [];
  LATE_ATTACKS.forEach(({ scenario, make, offsetMs, expected }, n) => {
    // `<scenario>#…` like the day's instances, so that their incidents are no false positives of the scenario.
    const label = `${scenario}#late-${n}`;
    lines.push(...make(org, { random, start: held.fromMs + offsetMs, label }));
    instances.push({ scenario, label, organizationIds: [held.source], expected });
  });
  return { lines, instances };
}

/** Lines that arrive after a line of their organisation that carries a later time: out of order as the engine sees it. */
function overtaken(lines: GeneratedLine[]): number {
  const newest = new Map<string, number>();
  let count = 0;
  for (const line of lines) {
    const seen = newest.get(line.organizationId) ?? Number.NEGATIVE_INFINITY;
    if (line.time < seen) count++;
    else newest.set(line.organizationId, line.time);
  }
  return count;
}
