import { RandomSource } from './random-source.js';

/**
 * How forwarders really deliver a constituency's logs, for the demo and the quality bench: not in
 * event-time order. Most sources send at once but a share of their lines is held up for seconds to
 * minutes (UDP relays, TCP reconnects, busy forwarders); some ship in blocks every 10–30 minutes
 * (Windows Event Forwarding, hourly shipping); one source's clock runs hours ahead; and a stretch of
 * one source arrives hours late (a spool replayed after an outage), beyond what the engine waits for.
 */

/** One line of a stream sorted by the time its source wrote it. */
export interface WrittenLine {
  /** True time of writing, epoch ms. */
  time: number;
  /** Who sends it, e.g. an organisation's forwarder or a host. */
  source: string;
}

/** prompt: at once; jittered: held up briefly; batched: in its source's next block; beyond-lateness: in the held-back stretch. */
export type DeliveryKind = 'prompt' | 'jittered' | 'batched' | 'beyond-lateness';

export interface Delivery {
  /** Index of the line in the written stream. */
  index: number;
  /** When the collector receives it, epoch ms. */
  arrivalMs: number;
  /** The time the line carries: its true time plus its source's clock offset. */
  stampedMs: number;
  kind: DeliveryKind;
}

export interface BatchSchedule {
  periodMs: number;
  /** Blocks leave at phaseMs + k·periodMs, so that not every batched source ships at the same moment. */
  phaseMs: number;
}

export interface HeldStretch {
  source: string;
  /** Lines written in [fromMs, toMs) arrive together at toMs + delayMs. */
  fromMs: number;
  toMs: number;
  delayMs: number;
}

export interface DeliveryProfile {
  batched: Map<string, BatchSchedule>;
  /** Source → how far its clock is ahead; every line of it carries time + offset. */
  clockAhead: Map<string, number>;
  beyondLateness: HeldStretch | undefined;
}

export interface ProfileOptions {
  seed: number;
  /** Share of sources that ship in blocks; at least one source when the share is above zero. */
  batchedShare: number;
  batchPeriodMs: readonly [min: number, max: number];
  /** One source's clock runs this far ahead; 0 for none. */
  clockAheadMs: number;
  /** Which sources the clock ahead should rather go to (e.g. those with attacks to find); any when none qualifies. */
  clockAheadPrefers?: (source: string) => boolean;
  /** One stretch of one source held back; it starts inside `within` and must satisfy `quiet`. */
  beyondLateness?: {
    spanMs: number;
    delayMs: number;
    within: readonly [fromMs: number, toMs: number];
    /** Says whether a stretch may be held back, e.g. that no labelled attack that must be found falls in it. */
    quiet: (source: string, fromMs: number, toMs: number) => boolean;
  };
}

export interface DeliveryOptions {
  seed: number;
  /** What every line takes from its source to the collector. */
  transportMs: number;
  /** Share of prompt lines held up by jitterMs (uniform): out of order inside correlation windows. */
  jitterShare: number;
  jitterMs: readonly [min: number, max: number];
}

const STRETCH_TRIES = 50;

/**
 * Picks, deterministically from the seed, which sources ship in blocks, which one's clock is ahead
 * and which stretch is held back; each source gets at most one of these behaviours so that every
 * figure of a run can be traced to one cause.
 */
export function chooseDeliveryProfile(sources: readonly string[], options: ProfileOptions): DeliveryProfile {
  const random = new RandomSource(options.seed);
  const order = shuffled(sources, random);
  const batchedCount = options.batchedShare > 0 ? Math.max(1, Math.round(order.length * options.batchedShare)) : 0;
  const batched = new Map<string, BatchSchedule>();
  for (const source of order.slice(0, batchedCount)) {
    const [min, max] = options.batchPeriodMs;
    const periodMs = min + Math.floor(random.next() * (max - min + 1));
    batched.set(source, { periodMs, phaseMs: Math.floor(random.next() * periodMs) });
  }
  const rest = order.slice(batchedCount);
  const clockAhead = new Map<string, number>();
  if (options.clockAheadMs !== 0 && rest.length > 0) {
    const preferred = options.clockAheadPrefers ? rest.findIndex(options.clockAheadPrefers) : -1;
    clockAhead.set(rest.splice(Math.max(0, preferred), 1)[0]!, options.clockAheadMs);
  }
  return { batched, clockAhead, beyondLateness: options.beyondLateness && heldStretch(rest, options.beyondLateness, random) };
}

function heldStretch(candidates: string[], options: NonNullable<ProfileOptions['beyondLateness']>, random: RandomSource): HeldStretch | undefined {
  const [from, to] = options.within;
  for (const source of candidates) {
    for (let attempt = 0; attempt < STRETCH_TRIES; attempt++) {
      const fromMs = from + Math.floor(random.next() * Math.max(1, to - from - options.spanMs));
      const toMs = fromMs + options.spanMs;
      if (options.quiet(source, fromMs, toMs)) return { source, fromMs, toMs, delayMs: options.delayMs };
    }
  }
  return undefined;
}

/**
 * The order in which the collector receives a time-sorted stream under the profile. Lines arriving
 * at the same moment (one block) keep their written order, as a forwarder sends its queue in order.
 */
export function planDelivery(lines: readonly WrittenLine[], profile: DeliveryProfile, options: DeliveryOptions): Delivery[] {
  const random = new RandomSource(options.seed);
  const held = profile.beyondLateness;
  const deliveries = lines.map((line, index): Delivery => {
    const stampedMs = line.time + (profile.clockAhead.get(line.source) ?? 0);
    if (held && line.source === held.source && line.time >= held.fromMs && line.time < held.toMs) {
      return { index, arrivalMs: held.toMs + held.delayMs + options.transportMs, stampedMs, kind: 'beyond-lateness' };
    }
    const batch = profile.batched.get(line.source);
    if (batch) {
      // The block that leaves at the first boundary after the line was written carries it.
      const nextBoundary = batch.phaseMs + (Math.floor((line.time - batch.phaseMs) / batch.periodMs) + 1) * batch.periodMs;
      return { index, arrivalMs: nextBoundary + options.transportMs, stampedMs, kind: 'batched' };
    }
    if (random.chance(options.jitterShare)) {
      const [min, max] = options.jitterMs;
      return { index, arrivalMs: line.time + options.transportMs + min + Math.floor(random.next() * (max - min + 1)), stampedMs, kind: 'jittered' };
    }
    return { index, arrivalMs: line.time + options.transportMs, stampedMs, kind: 'prompt' };
  });
  return deliveries.sort((a, b) => a.arrivalMs - b.arrivalMs || a.index - b.index);
}

function shuffled<T>(items: readonly T[], random: RandomSource): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
