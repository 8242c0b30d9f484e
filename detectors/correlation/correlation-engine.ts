import { getField, setField, type EcsEvent } from '../../core/domain/ecs.js';
import { groupFieldOf, spansOrganisations, type CompiledCorrelation } from './compiled-correlation.js';
import { satisfies } from './count-condition.js';
import { eventIdsOf, KeyState } from './key-state.js';
import { dropBefore, insertSorted, latestAtOrBefore, maxCountInWindowWith } from './sorted-times.js';

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
  private readonly byRule = new Map<string, number[]>();
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
        list.push(index);
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
    return (this.byRule.get(ruleId) ?? []).map((index) => this.correlations[index]!);
  }

  /**
   * Counts the firing in every correlation that references its rule and that `accepts` lets
   * through (disabled correlations, and those evaluated in another stage, are left alone).
   */
  observe(firing: RuleFiring, accepts: (correlation: CompiledCorrelation) => boolean = () => true): CorrelationHit[] {
    const indexes = this.byRule.get(firing.ruleId);
    if (!indexes) return [];
    const hits: CorrelationHit[] = [];
    this.epoch ??= firing.time;
    const time = firing.time - this.epoch;
    if (time > this.newest) this.newest = time;
    for (const index of indexes) {
      const correlation = this.correlations[index]!;
      if (!accepts(correlation)) continue;
      if (time < this.newest - correlation.timespanMs - this.options.latenessMs) {
        this.lateEvents++;
        continue;
      }
      const key = this.keyOf(index, correlation, firing);
      if (key === undefined) continue;
      const hit = this.observeKey(correlation, key, firing, time);
      if (hit) hits.push(hit);
    }
    return hits;
  }

  /** Closes windows the watermark has passed; call with every event (it is cheap when nothing is due). */
  advance(): CorrelationHit[] {
    if (this.newest - this.lastExpiry < 1000) return [];
    this.lastExpiry = this.newest;
    const hits: CorrelationHit[] = [];
    for (const [key, state] of this.keys) {
      const correlation = this.correlations[indexOfKey(key)]!;
      if (state.last + correlation.timespanMs + this.options.latenessMs >= this.newest) break;
      this.keys.delete(key);
      const hit = correlation.condition.monotone ? undefined : this.closeWindow(correlation, key, state);
      if (hit) hits.push(hit);
    }
    return hits;
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

  private keyOf(index: number, correlation: CompiledCorrelation, firing: RuleFiring): string | undefined {
    const parts = [String(index)];
    for (const name of correlation.groupBy) {
      const field = groupFieldOf(correlation, name, firing.ruleId);
      const value = getField(firing.event, field);
      // An event without a group-by value cannot be attributed to a group, so it does not count.
      if (value === undefined || value === null || value === '') return undefined;
      parts.push(Array.isArray(value) ? value.join(',') : String(value));
    }
    // join() yields a flat string; repeated += would keep a chain of cons strings alive as the key.
    return parts.join(SEPARATOR);
  }

  private observeKey(correlation: CompiledCorrelation, key: string, firing: RuleFiring, time: number): CorrelationHit | undefined {
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

    const count = this.record(correlation, state, firing, time);
    if (closed) return closed;
    if (count === undefined || !satisfies(correlation.condition, count)) return undefined;
    this.keys.delete(key);
    return this.hitOf(correlation, key, state, count, firing.event);
  }

  /** Adds the firing to the key's window; returns the count to test now, or undefined when the test waits for the close. */
  private record(correlation: CompiledCorrelation, state: KeyState, firing: RuleFiring, time: number): number | undefined {
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
        const times = dropBefore(insertSorted(state.data as number[], time), horizon);
        state.data = times;
        return maxCountInWindowWith(times, time, span);
      }
      case 'value_count': {
        const raw = getField(firing.event, correlation.valueField!);
        state.data ??= new Map<string, number>();
        const values = state.data as Map<string, number>;
        if (raw !== undefined && raw !== null && raw !== '') {
          for (const value of Array.isArray(raw) ? raw : [raw]) {
            const text = String(value);
            const seen = values.get(text);
            if (seen === undefined || time > seen) values.set(text, time);
          }
        }
        if (!correlation.condition.monotone) return undefined;
        const times: number[] = [];
        for (const [value, seen] of values) {
          if (seen < horizon) values.delete(value);
          else times.push(seen);
        }
        times.sort((a, b) => a - b);
        return maxCountInWindowWith(times, time, span);
      }
      case 'temporal':
      case 'temporal_ordered': {
        state.data ??= correlation.ruleIds.map((): number[] => []);
        const perRule = state.data as number[][];
        correlation.ruleIds.forEach((ruleId, position) => {
          if (ruleId !== firing.ruleId) return;
          const times = dropBefore(insertSorted(perRule[position]!, time), horizon);
          perRule[position] = times.length > this.options.maxTimesPerRule ? times.slice(1) : times;
        });
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
    if (this.options.maxEventIdsPerKey > 0) {
      // concat() allocates exactly the needed length, where spreading into a literal may over-allocate;
      // the list is short, so the copy is cheap.
      const all = eventIdsOf(state).concat(firing.eventIds);
      const ids = all.length > this.options.maxEventIdsPerKey ? all.slice(all.length - this.options.maxEventIdsPerKey) : all;
      state.ids = ids.length === 1 ? ids[0] : ids;
    }
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
      const end = start + span;
      const count = perRule.filter((other) => other.some((t) => t >= start && t <= end)).length;
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
