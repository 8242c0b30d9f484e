import type { Alert, AlertRule } from '../../core/domain/alert.js';
import type { EcsEvent } from '../../core/domain/ecs.js';
import { deterministicId } from '../../core/ids.js';

export interface FoldingOptions {
  /** Repeats of one rule and group key within this span of event time fold together; 0 turns folding off. */
  windowMs: number;
  /** A batch of folded repeats is emitted at most this often (event time), and at window end. */
  reemitMs: number;
  /** A batch is emitted early when it holds this many event ids, so that none is ever dropped. */
  maxEventIdsPerAlert: number;
  /** How many trimmed triggering events an alert carries as evidence. */
  maxEventsPerAlert: number;
  /** How many folds stay open; past it the longest silent one is emitted and forgotten. */
  maxFolds: number;
}

export const DEFAULT_FOLDING_OPTIONS: FoldingOptions = { windowMs: 10 * 60_000, reemitMs: 60_000, maxEventIdsPerAlert: 10_000, maxEventsPerAlert: 5, maxFolds: 200_000 };

/** One rule firing once, before folding. */
export interface Firing {
  rule: AlertRule;
  tags: string[];
  /** What makes two firings "the same": rule id is added by the folder. */
  groupKey: string;
  group?: Record<string, string>;
  organizationIds: string[];
  /** Event time of the last triggering event, epoch ms. */
  time: number;
  eventIds: string[];
  events: EcsEvent[];
}

interface Fold {
  /** Wall-clock time of the latest firing: a fold's own event time advances with it while it is silent. */
  seenAt: number;
  windowStart: number;
  sequence: number;
  lastEmitted: number;
  pending: Firing[];
  /** Event ids and evidence events held by `pending`, kept as running totals. */
  pendingIds: number;
  pendingEvents: number;
}

/** Builds the evidence event of a firing; called only while the batch still has room for evidence. */
export type Evidence = () => EcsEvent;

/**
 * Folds repeated firings of one rule and group key into few alerts. The first firing of a window is
 * emitted at once; later ones collect into a batch that is emitted when `reemitMs` of event time
 * has passed since the last emission, when the window ends, when the fold falls silent, or on
 * flush. Each emission is its own alert with a deterministic id (rule, group key, window start,
 * batch number) whose `count` and `event_ids` cover exactly the firings of that batch: the incident
 * store records every alert id once, so summing over the batches gives the right totals and a
 * redelivered batch changes nothing.
 * Each fold runs on its own event time; while it is silent, wall-clock time stands in for it (see
 * advance), so no other source's events, whatever their clock, close it.
 */
export class AlertFolder {
  private readonly options: FoldingOptions;
  /** Every open fold, in the order of their latest firing. */
  private readonly folds = new Map<string, Fold>();
  /** The folds holding firings not yet emitted, in the order of their latest firing. */
  private readonly pending = new Map<string, Fold>();

  constructor(options: Partial<FoldingOptions> = {}) {
    this.options = { ...DEFAULT_FOLDING_OPTIONS, ...options };
  }

  /**
   * Takes one firing. `evidence`, if given, adds one event to the firing's `events`, but only when
   * the batch it joins carries fewer than `maxEventsPerAlert` events: evidence beyond that would
   * be cut from the alert anyway, so it is never built.
   */
  offer(firing: Firing, now: number, evidence?: Evidence): Alert[] {
    if (this.options.windowMs <= 0) {
      const complete = evidence && firing.events.length < this.options.maxEventsPerAlert ? withEvidence(firing, evidence) : firing;
      return [alertOf([complete], deterministicId('alert', firing.rule.id, ...firing.eventIds), this.options)];
    }
    const key = `${firing.rule.id}\u0000${firing.groupKey}`;
    const alerts: Alert[] = [];
    let fold = this.folds.get(key);
    if (fold && firing.time >= fold.windowStart + this.options.windowMs) {
      this.forget(key, fold, alerts);
      fold = undefined;
    }
    if (!fold) {
      if (this.folds.size >= this.options.maxFolds) {
        const [oldestKey, oldest] = this.folds.entries().next().value!;
        this.forget(oldestKey, oldest, alerts);
      }
      fold = { seenAt: now, windowStart: firing.time, sequence: 0, lastEmitted: firing.time, pending: [], pendingIds: 0, pendingEvents: 0 };
      this.hold(fold, firing, evidence);
      this.folds.set(key, fold);
      alerts.push(...this.emit(key, fold));
      return alerts;
    }
    fold.seenAt = now;
    this.folds.delete(key);
    this.folds.set(key, fold);
    this.hold(fold, firing, evidence);
    if (firing.time - fold.lastEmitted >= this.options.reemitMs || fold.pendingIds >= this.options.maxEventIdsPerAlert) {
      fold.lastEmitted = firing.time;
      alerts.push(...this.emit(key, fold));
    } else {
      this.pending.delete(key);
      this.pending.set(key, fold);
    }
    return alerts;
  }

  /**
   * Emits what folds silent for `reemitMs` of wall-clock time hold, and forgets folds silent for a
   * whole window: a silent fold's event time is taken to advance with the wall clock, so its repeats
   * are not held back for want of newer firings, and a later repeat would open a window of its own.
   */
  advance(now: number): Alert[] {
    const alerts: Alert[] = [];
    for (const [key, fold] of this.pending) {
      if (now - fold.seenAt < this.options.reemitMs) break;
      alerts.push(...this.emit(key, fold));
    }
    for (const [key, fold] of this.folds) {
      if (now - fold.seenAt < this.options.windowMs) break;
      this.forget(key, fold, alerts);
    }
    return alerts;
  }

  flush(): Alert[] {
    const alerts: Alert[] = [];
    for (const [key, fold] of this.folds) alerts.push(...this.emit(key, fold));
    this.folds.clear();
    this.pending.clear();
    return alerts;
  }

  get openFolds(): number {
    return this.folds.size;
  }

  private forget(key: string, fold: Fold, alerts: Alert[]): void {
    alerts.push(...this.emit(key, fold));
    this.folds.delete(key);
  }

  private emit(key: string, fold: Fold): Alert[] {
    this.pending.delete(key);
    if (fold.pending.length === 0) return [];
    const id = deterministicId('alert', key, String(fold.windowStart), String(fold.sequence));
    const alert = alertOf(fold.pending, id, this.options);
    fold.sequence++;
    fold.pending = [];
    fold.pendingIds = 0;
    fold.pendingEvents = 0;
    return [alert];
  }

  private hold(fold: Fold, firing: Firing, evidence: Evidence | undefined): void {
    const complete = evidence && fold.pendingEvents + firing.events.length < this.options.maxEventsPerAlert ? withEvidence(firing, evidence) : firing;
    fold.pending.push(complete);
    fold.pendingIds += complete.eventIds.length;
    fold.pendingEvents += complete.events.length;
  }
}

function withEvidence(firing: Firing, evidence: Evidence): Firing {
  return { ...firing, events: [...firing.events, evidence()] };
}

function alertOf(firings: Firing[], id: string, options: FoldingOptions): Alert {
  // Most alerts hold a single firing (the first of a window is emitted at once): no flattening then.
  const single = firings.length === 1 ? firings[0]! : undefined;
  const last = single ?? firings.reduce((latest, firing) => (firing.time > latest.time ? firing : latest));
  const eventIds = single ? unique(single.eventIds) : [...new Set(firings.flatMap((firing) => firing.eventIds))];
  const organizations = single ? unique(single.organizationIds).sort() : [...new Set(firings.flatMap((firing) => firing.organizationIds))].sort();
  const events = (single ? single.events : firings.flatMap((firing) => firing.events)).slice(0, options.maxEventsPerAlert);
  const tags = single ? unique(single.tags) : [...new Set(firings.flatMap((firing) => firing.tags))];
  return {
    '@timestamp': new Date(last.time).toISOString(),
    alert: { id, count: firings.length },
    rule: last.rule,
    event_ids: eventIds,
    ...(last.group ? { group: last.group } : {}),
    organization: organizations.length === 1 ? { id: organizations[0]! } : { id: null, ...(organizations.length > 1 ? { ids: organizations } : {}) },
    tags,
    events,
  };
}

/** A fresh array of the distinct values, in first-seen order. */
function unique(values: string[]): string[] {
  return values.length < 2 ? values.slice() : [...new Set(values)];
}
