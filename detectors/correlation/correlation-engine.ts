import { setField, type EcsEvent } from '../../core/domain/ecs.js';
import { fieldReader, type FieldReader } from '../field-reader.js';
import { firingThreshold, groupFieldOf, spansOrganisations, type CompiledCorrelation } from './compiled-correlation.js';
import { satisfies } from './count-condition.js';
import { eventIdsOf, KeyState, rememberEventIds } from './key-state.js';
import { hasTimeBetween, latestAtOrBefore, maxCountInWindowWith, withTime } from './sorted-times.js';

export interface CorrelationOptions {
  /** Upper bound of live group keys over all correlations; the least recently touched key goes first. */
  maxKeys: number;
  /** How far behind the newest event time an event may arrive and still count. */
  latenessMs: number;
  /** How many event ids a key keeps for its alert (the most recent ones). */
  maxEventIdsPerKey: number;
  /** How many organisations a cross-organisation key remembers. */
  maxOrganisationsPerKey: number;
  /** How many times per referenced rule a temporal key keeps. */
  maxTimesPerRule: number;
}

export const DEFAULT_CORRELATION_OPTIONS: CorrelationOptions = {
  maxKeys: 500_000,
  latenessMs: 60_000,
  maxEventIdsPerKey: 8,
  maxOrganisationsPerKey: 64,
  maxTimesPerRule: 16,
};

/** A rule (Sigma, IOC or correlation) fired on an event; the correlation engine's input. */
export interface RuleFiring {
  ruleId: string;
  event: EcsEvent;
  /** Event time in epoch ms. */
  time: number;
  eventIds: string[];
  organizationIds: string[];
}

/** A correlation whose condition held for one group key. */
export interface CorrelationHit {
  correlation: CompiledCorrelation;
  group: Record<string, string>;
  /** Time of the last contributing event. */
  time: number;
  eventIds: string[];
  eventCount: number;
  organizationIds: string[];
  /** The event that completed the correlation; absent when the window closing decided it. */
  event?: EcsEvent;
}

export interface CorrelationStats {
  keys: number;
  lateEvents: number;
  evictedKeys: number;
}

const SEPARATOR = '\u0000';

/** What most calls return: no hits, without an array per event. */
const NO_HITS: readonly CorrelationHit[] = Object.freeze([]);

/** One correlation as one of its rules feeds it, with the field readers prepared once. */
interface Listener {
  correlation: CompiledCorrelation;
  /** Readers of the group-by values in this rule's events (aliases applied), in group-by order. */
  groupBy: FieldReader[];
  /**
   * The parts of a key, the correlation's index first, rewritten for every event: join() yields the
   * flat string a Map key must be (a concatenated cons string would keep its pieces alive per key),
   * and reusing the parts spares an array per event.
   */
  keyParts: string[];
  /** value_count only: reads the counted field. */
  value: FieldReader | undefined;
  /** See firingThreshold; used by monotone value_count. */
  threshold: number;
}

/**
 * Evaluates Sigma correlations on event time. State lives per (correlation, group-by values) key in
 * one insertion-ordered Map used as an LRU: touching a key moves it to the end, so the oldest keys
 * are at the front for eviction and expiry. Conditions that can only become true as counts grow
 * (gt/gte, temporal) are checked on every event over a sliding window and reset the key when they
 * fire; the others (lt, lte, eq, neq) are decided when a window that starts at the key's first event
 * closes, i.e. when the watermark (newest event time minus the allowed lateness) passes its end.
 */
export class CorrelationEngine {
  private readonly options: CorrelationOptions;
  private readonly byRule = new Map<string, Listener[]>();
  private readonly keys = new Map<string, KeyState>();
  /** Times inside are relative to the first event seen, so that they stay small integers. */
  private epoch: number | undefined;
  private newest = Number.NEGATIVE_INFINITY;
  private lastExpiry = Number.NEGATIVE_INFINITY;
  private lateEvents = 0;
  private evictedKeys = 0;

  constructor(
    private readonly correlations: CompiledCorrelation[],
    options: Partial<CorrelationOptions> = {},
  ) {
    this.options = { ...DEFAULT_CORRELATION_OPTIONS, ...options };
    correlations.forEach((correlation, index) => {
      for (const ruleId of new Set(correlation.ruleIds)) {
        const list = this.byRule.get(ruleId) ?? [];
        list.push({
          correlation,
          groupBy: correlation.groupBy.map((name) => fieldReader(groupFieldOf(correlation, name, ruleId))),
          keyParts: [String(index), ...correlation.groupBy.map(() => '')],
          value: correlation.valueField === undefined ? undefined : fieldReader(correlation.valueField),
          threshold: firingThreshold(correlation),
        });
        this.byRule.set(ruleId, list);
      }
    });
  }

  /** True when some correlation listens to this rule. */
  listensTo(ruleId: string): boolean {
    return this.byRule.has(ruleId);
  }

  /** The correlations that reference this rule. */
  listenersOf(ruleId: string): CompiledCorrelation[] {
    return (this.byRule.get(ruleId) ?? []).map((listener) => listener.correlation);
  }

  /**
   * Counts the firing in every correlation that references its rule and that `accepts` lets
   * through (disabled correlations, and those evaluated in another stage, are left alone).
   */
  observe(firing: RuleFiring, accepts: (correlation: CompiledCorrelation) => boolean = () => true): readonly CorrelationHit[] {
    const listeners = this.byRule.get(firing.ruleId);
    if (!listeners) return NO_HITS;
    let hits: CorrelationHit[] | undefined;
    this.epoch ??= firing.time;
    const time = firing.time - this.epoch;
    if (time > this.newest) this.newest = time;
    for (const listener of listeners) {
      const correlation = listener.correlation;
      if (!accepts(correlation)) continue;
      if (time < this.newest - correlation.timespanMs - this.options.latenessMs) {
        this.lateEvents++;
        continue;
      }
      const key = keyOf(listener, firing.event);
      if (key === undefined) continue;
      const hit = this.observeKey(listener, key, firing, time);
      if (hit) (hits ??= []).push(hit);
    }
    return hits ?? NO_HITS;
  }

  /** Closes windows the watermark has passed; call with every event (it is cheap when nothing is due). */
  advance(): readonly CorrelationHit[] {
    if (this.newest - this.lastExpiry < 1000) return NO_HITS;
    this.lastExpiry = this.newest;
    let hits: CorrelationHit[] | undefined;
    for (const [key, state] of this.keys) {
      const correlation = this.correlations[indexOfKey(key)]!;
      if (state.last + correlation.timespanMs + this.options.latenessMs >= this.newest) break;
      this.keys.delete(key);
      const hit = correlation.condition.monotone ? undefined : this.closeWindow(correlation, key, state);
      if (hit) (hits ??= []).push(hit);
    }
    return hits ?? NO_HITS;
  }

  /** End of input: decides every open window and forgets all state. */
  flush(): CorrelationHit[] {
    const hits: CorrelationHit[] = [];
    for (const [key, state] of this.keys) {
      const correlation = this.correlations[indexOfKey(key)]!;
      const hit = correlation.condition.monotone ? undefined : this.closeWindow(correlation, key, state);
      if (hit) hits.push(hit);
    }
    this.keys.clear();
    return hits;
  }

  stats(): CorrelationStats {
    return { keys: this.keys.size, lateEvents: this.lateEvents, evictedKeys: this.evictedKeys };
  }

  private observeKey(listener: Listener, key: string, firing: RuleFiring, time: number): CorrelationHit | undefined {
    const correlation = listener.correlation;
    let state = this.keys.get(key);
    let closed: CorrelationHit | undefined;
    if (state) {
      this.keys.delete(key);
      if (!correlation.condition.monotone && time > state.first + correlation.timespanMs) {
        closed = this.closeWindow(correlation, key, state);
        state = undefined;
      }
    }
    if (!state) {
      state = new KeyState(time);
      this.evictIfFull();
    }
    this.keys.set(key, state);
    if (time > state.last) state.last = time;
    if (time < state.first) state.first = time;
    this.remember(correlation, state, firing);

    const count = this.record(listener, state, firing, time);
    if (closed) return closed;
    if (count === undefined || !satisfies(correlation.condition, count)) return undefined;
    this.keys.delete(key);
    return this.hitOf(correlation, key, state, count, firing.event);
  }

  /**
   * Adds the firing to the key's window; returns the count to test now, or undefined when there is
   * nothing to test now (the test waits for the close, or the count cannot reach the condition yet).
   */
  private record(listener: Listener, state: KeyState, firing: RuleFiring, time: number): number | undefined {
    const correlation = listener.correlation;
    const span = correlation.timespanMs;
    const horizon = this.newest - span - this.options.latenessMs;
    switch (correlation.type) {
      case 'event_count': {
        if (!correlation.condition.monotone) {
          state.count += firing.eventIds.length || 1;
          return undefined;
        }
        if (state.data === undefined) {
          state.data = [time];
          return 1;
        }
        const times = withTime(state.data as number[], time, horizon);
        state.data = times;
        return maxCountInWindowWith(times, time, span);
      }
      case 'value_count': {
        const raw = listener.value!(firing.event);
        state.data ??= new Map<string, number>();
        const values = state.data as Map<string, number>;
        if (raw !== undefined && raw !== null && raw !== '') {
          if (Array.isArray(raw)) for (const value of raw) seeValue(values, String(value), time);
          else seeValue(values, String(raw), time);
        }
        if (!correlation.condition.monotone) return undefined;
        // The count cannot exceed the number of values, so below the threshold there is nothing to
        // count. Stale values are dropped only from the threshold on, and the map stays bounded: below
        // it the map holds fewer entries than the threshold, from it on every firing drops the stale
        // ones as before, leaving the values seen within the horizon. Dropping later changes no count:
        // the horizon only moves forward, so a stale value stays stale until it is seen again, and
        // then it gets the new time whether it was dropped or not.
        if (values.size < listener.threshold) return undefined;
        const times: number[] = [];
        for (const [value, seen] of values) {
          if (seen < horizon) values.delete(value);
          else times.push(seen);
        }
        if (times.length < listener.threshold) return undefined;
        times.sort((a, b) => a - b);
        return maxCountInWindowWith(times, time, span);
      }
      case 'temporal':
      case 'temporal_ordered': {
        state.data ??= correlation.ruleIds.map((): number[] => []);
        const perRule = state.data as number[][];
        for (let position = 0; position < correlation.ruleIds.length; position++) {
          if (correlation.ruleIds[position] === firing.ruleId) perRule[position] = withTime(perRule[position]!, time, horizon, this.options.maxTimesPerRule);
        }
        if (correlation.type === 'temporal_ordered') return orderedWithin(perRule, time, span) ? correlation.ruleIds.length : 0;
        if (!correlation.condition.monotone) return undefined;
        return distinctRulesInWindowWith(perRule, time, span);
      }
    }
  }

  /** Decides a window whose condition waits for the close (lt, lte, eq, neq). */
  private closeWindow(correlation: CompiledCorrelation, key: string, state: KeyState): CorrelationHit | undefined {
    let count: number;
    if (correlation.type === 'event_count') count = state.count;
    else if (correlation.type === 'value_count') count = (state.data as Map<string, number> | undefined)?.size ?? 0;
    else count = (state.data as number[][] | undefined)?.filter((times) => times.length > 0).length ?? 0;
    if (!satisfies(correlation.condition, count)) return undefined;
    return this.hitOf(correlation, key, state, count);
  }

  private remember(correlation: CompiledCorrelation, state: KeyState, firing: RuleFiring): void {
    if (this.options.maxEventIdsPerKey > 0) rememberEventIds(state, firing.eventIds, this.options.maxEventIdsPerKey);
    if (!spansOrganisations(correlation)) return;
    for (const org of firing.organizationIds) {
      state.orgs ??= [];
      if (!state.orgs.includes(org) && state.orgs.length < this.options.maxOrganisationsPerKey) state.orgs.push(org);
    }
  }

  private hitOf(correlation: CompiledCorrelation, key: string, state: KeyState, count: number, event?: EcsEvent): CorrelationHit {
    const values = key.split(SEPARATOR).slice(1);
    const group: Record<string, string> = {};
    correlation.groupBy.forEach((name, position) => (group[name] = values[position]!));
    const organizationIds = state.orgs ? [...state.orgs].sort() : group['organization.id'] ? [group['organization.id']] : [];
    return { correlation, group, time: state.last + (this.epoch ?? 0), eventIds: eventIdsOf(state), eventCount: count, organizationIds, ...(event ? { event } : {}) };
  }

  private evictIfFull(): void {
    if (this.keys.size < this.options.maxKeys) return;
    const oldest = this.keys.keys().next();
    if (oldest.done) return;
    this.keys.delete(oldest.value);
    this.evictedKeys++;
  }
}

/** The event a correlation hit stands for when another correlation references it (chains). */
export function eventOfHit(hit: CorrelationHit): EcsEvent {
  const event: EcsEvent = { '@timestamp': new Date(hit.time).toISOString(), event: { id: hit.eventIds[hit.eventIds.length - 1] ?? '', kind: 'signal' } };
  if (hit.event) Object.assign(event, structuredClone(hit.event), { '@timestamp': event['@timestamp'] });
  for (const [field, value] of Object.entries(hit.group)) setField(event as Record<string, unknown>, field, value);
  return event;
}

/** The key of the event's group in the listener's correlation; undefined when the event lacks a group-by value. */
function keyOf(listener: Listener, event: EcsEvent): string | undefined {
  const parts = listener.keyParts;
  for (let position = 0; position < listener.groupBy.length; position++) {
    const value = listener.groupBy[position]!(event);
    // An event without a group-by value cannot be attributed to a group, so it does not count.
    if (value === undefined || value === null || value === '') return undefined;
    parts[position + 1] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return parts.join(SEPARATOR);
}

/** Records that a value_count value was seen at `time`, keeping its latest time. */
function seeValue(values: Map<string, number>, value: string, time: number): void {
  const seen = values.get(value);
  if (seen === undefined || time > seen) values.set(value, time);
}

function indexOfKey(key: string): number {
  const end = key.indexOf(SEPARATOR);
  return Number(end < 0 ? key : key.slice(0, end));
}

/** How many referenced rules have an event in one window of `span` that contains `time`. */
function distinctRulesInWindowWith(perRule: number[][], time: number, span: number): number {
  let best = 0;
  for (const times of perRule) {
    for (const start of times) {
      if (start < time - span || start > time) continue;
      let count = 0;
      for (const other of perRule) if (hasTimeBetween(other, start, start + span)) count++;
      if (count > best) best = count;
    }
  }
  return best;
}

/**
 * Whether the rules occurred in the given order within `span`. For each candidate time of the last
 * rule, walking back and picking the latest earlier time of each previous rule gives the tightest
 * sequence, so one greedy pass per candidate decides it.
 */
function orderedWithin(perRule: number[][], time: number, span: number): boolean {
  const last = perRule[perRule.length - 1]!;
  for (const end of last) {
    if (end < time - span || end > time + span) continue;
    let cursor: number | undefined = end;
    for (let position = perRule.length - 2; position >= 0 && cursor !== undefined; position--) cursor = latestAtOrBefore(perRule[position]!, cursor);
    if (cursor !== undefined && end - cursor <= span && cursor <= time && time <= end) return true;
  }
  return false;
}
