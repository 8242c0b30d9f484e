import { setField, type EcsEvent } from '../../core/domain/ecs.js';
import { fieldReader } from '../field-reader.js';
import { decidedAtClose, firingThreshold, groupFieldOf, spansOrganisations, type CompiledCorrelation } from './compiled-correlation.js';
import { satisfies } from './count-condition.js';
import { eventIdsOf, KeyState, rememberEventIds } from './key-state.js';
import { hasTimeBetween, latestAtOrBefore, maxCountInWindowWith, withTime } from './sorted-times.js';
import { WindowEntries } from './window-entries.js';

/** Reads one field of an event. */
export type EventFieldReader = (event: EcsEvent) => unknown;

export interface CorrelationOptions {
  /** Upper bound of live group keys over all correlations; the longest silent key goes first. */
  maxKeys: number;
  /**
   * How late an event may arrive and still count: a key's firings are kept this long past its
   * window, and a window decided at close waits this long (in the key's own event time, or in wall
   * time while the key is silent) before it is decided.
   */
  latenessMs: number;
  /** How many event ids a key keeps for its alert (the most recent ones). */
  maxEventIdsPerKey: number;
  /** How many organisations a cross-organisation key remembers. */
  maxOrganisationsPerKey: number;
  /** How many times per referenced rule a temporal key keeps. */
  maxTimesPerRule: number;
  /** How many firings a key whose condition is decided at window close keeps; the oldest go first. */
  maxEntriesPerKey: number;
  /** Wall-clock epoch ms: tells how long a key has been silent. A replay passes its delivery time. */
  clock: () => number;
  /** Reads `field` from the events of rule `ruleId`, under the names that rule's log source gives it. */
  fieldReaderFor: (ruleId: string, field: string) => EventFieldReader;
}

export const DEFAULT_CORRELATION_OPTIONS: CorrelationOptions = {
  maxKeys: 500_000,
  latenessMs: 3_600_000,
  maxEventIdsPerKey: 8,
  maxOrganisationsPerKey: 64,
  maxTimesPerRule: 16,
  maxEntriesPerKey: 10_000,
  clock: Date.now,
  fieldReaderFor: (_ruleId, field) => fieldReader(field),
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

/** What one correlation reads from a firing's event: its group-by values and the value of `condition.field`. */
export interface CorrelationValues {
  group: string[];
  value: unknown;
}

/** A correlation whose condition held for one group key. */
export interface CorrelationHit {
  correlation: CompiledCorrelation;
  group: Record<string, string>;
  /** Time of the last contributing event. */
  time: number;
  eventIds: string[];
  /** Firings in the window that decided it. */
  eventCount: number;
  /** What the condition compared: a count, a sum, an average or a share in percent. */
  measured: number;
  organizationIds: string[];
  /** The event that completed the correlation; absent when the window closing decided it. */
  event?: EcsEvent;
}

export interface CorrelationStats {
  keys: number;
  lateEvents: number;
  evictedKeys: number;
  /** Firings a key deciding at close had to forget because it held maxEntriesPerKey already. */
  droppedEntries: number;
}

const SEPARATOR = '\u0000';

/** What most calls return: no hits, without an array per event. */
const NO_HITS: readonly CorrelationHit[] = Object.freeze([]);

/** One correlation as one of its rules feeds it, with the field readers prepared once. */
interface Listener {
  correlation: CompiledCorrelation;
  /** The correlation's position: its keys live in keysOf[index]. */
  index: number;
  /** Readers of the group-by values in this rule's events (aliases and field mapping applied), in group-by order. */
  groupBy: EventFieldReader[];
  /**
   * The parts of a key, rewritten for every event: join() yields the flat string a Map key must be
   * (a concatenated cons string would keep its pieces alive per key), and reusing the parts spares
   * an array per event.
   */
  keyParts: string[];
  /** value_* types only: reads the field the condition is about. */
  value: EventFieldReader | undefined;
  /** See firingThreshold; used by monotone value_count. */
  threshold: number;
  /** See decidedAtClose. */
  closes: boolean;
  /** temporal types: the positions of this rule in the correlation's `rules`. */
  positions: number[];
}

/**
 * Evaluates Sigma correlations on event time, per group key: every (correlation, group-by values)
 * key runs on its own event time, so neither a source with a clock hours ahead nor the newest event
 * of another organisation closes anyone else's window. Firings that arrive out of order are
 * inserted where they belong. Conditions that can only become true as a window fills (gt/gte counts
 * and sums, temporal) are checked on every firing over a sliding window, and reset the key when they
 * fire; the others are decided per window (starting at the key's oldest firing) once the key's time
 * has passed the window's end by the allowed lateness. A silent key's time is taken to advance with
 * the wall clock, so its windows close and its state goes even when no newer firing comes.
 */
export class CorrelationEngine {
  private readonly options: CorrelationOptions;
  private readonly byRule = new Map<string, Listener[]>();
  /** Per correlation, its keys in the order they were last touched: the longest silent come first. */
  private readonly keysOf: Map<string, KeyState>[];
  private keyCount = 0;
  /** Event times inside are relative to the first event seen, wall times to the engine's start, so that both stay small integers. */
  private epoch: number | undefined;
  private readonly wallEpoch: number;
  private lastExpiry = Number.NEGATIVE_INFINITY;
  private lateEvents = 0;
  private evictedKeys = 0;
  private droppedEntries = 0;

  constructor(
    private readonly correlations: CompiledCorrelation[],
    options: Partial<CorrelationOptions> = {},
  ) {
    this.options = { ...DEFAULT_CORRELATION_OPTIONS, ...options };
    this.wallEpoch = this.options.clock();
    this.keysOf = correlations.map(() => new Map<string, KeyState>());
    correlations.forEach((correlation, index) => {
      for (const ruleId of new Set(correlation.ruleIds)) {
        const read = (field: string): EventFieldReader => this.options.fieldReaderFor(ruleId, field);
        const list = this.byRule.get(ruleId) ?? [];
        list.push({
          correlation,
          index,
          groupBy: correlation.groupBy.map((name) => read(groupFieldOf(correlation, name, ruleId))),
          keyParts: correlation.groupBy.map(() => ''),
          value: correlation.valueField === undefined ? undefined : read(correlation.valueField),
          threshold: firingThreshold(correlation),
          closes: decidedAtClose(correlation),
          positions: correlation.ruleIds.flatMap((id, position) => (id === ruleId ? [position] : [])),
        });
        this.byRule.set(ruleId, list);
      }
    });
  }

  get latenessMs(): number {
    return this.options.latenessMs;
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
   * What `correlation` reads from an event of rule `ruleId`, for evaluating it elsewhere (see
   * observeValues); undefined when the event lacks a group-by value, which the correlation would
   * not count either.
   */
  valuesOf(correlation: CompiledCorrelation, ruleId: string, event: EcsEvent): CorrelationValues | undefined {
    const listener = this.byRule.get(ruleId)?.find((candidate) => candidate.correlation === correlation);
    if (!listener || keyOf(listener, event) === undefined) return undefined;
    return { group: [...listener.keyParts], value: listener.value?.(event) };
  }

  /**
   * Counts the firing in every correlation that references its rule and that `accepts` lets
   * through (disabled correlations, and those evaluated in another stage, are left alone).
   */
  observe(firing: RuleFiring, accepts: (correlation: CompiledCorrelation) => boolean = () => true): readonly CorrelationHit[] {
    const listeners = this.byRule.get(firing.ruleId);
    if (!listeners) return NO_HITS;
    const hits: CorrelationHit[] = [];
    for (const listener of listeners) {
      if (!accepts(listener.correlation)) continue;
      const key = keyOf(listener, firing.event);
      // An event without a group-by value cannot be attributed to a group, so it does not count.
      if (key === undefined) continue;
      this.observeKey(listener, key, firing, listener.value?.(firing.event), hits);
    }
    return hits.length > 0 ? hits : NO_HITS;
  }

  /** Counts a firing in one correlation with the values another stage read from its event (see valuesOf). */
  observeValues(correlationId: string, firing: RuleFiring, values: CorrelationValues): readonly CorrelationHit[] {
    const listener = this.byRule.get(firing.ruleId)?.find((candidate) => candidate.correlation.id === correlationId);
    if (!listener || values.group.length !== listener.correlation.groupBy.length) return NO_HITS;
    const hits: CorrelationHit[] = [];
    this.observeKey(listener, values.group.join(SEPARATOR), firing, values.value, hits);
    return hits.length > 0 ? hits : NO_HITS;
  }

  /**
   * Decides the windows of keys silent long enough, and forgets keys that nothing can change any
   * more. Call it with every event and from a timer (it is cheap when nothing is due).
   */
  advance(): readonly CorrelationHit[] {
    const now = this.now();
    if (now - this.lastExpiry < 1000) return NO_HITS;
    this.lastExpiry = now;
    const hits: CorrelationHit[] = [];
    this.correlations.forEach((correlation, index) => {
      const keys = this.keysOf[index]!;
      const silence = correlation.timespanMs + this.options.latenessMs;
      // A key silent for its timespan plus the lateness has its time past every window it holds, and
      // any firing still to come for it would be late at its source (see SourceClocks).
      for (const [key, state] of keys) {
        if (now - state.seenAt <= silence) break;
        this.forget(index, key, state, hits);
      }
    });
    return hits.length > 0 ? hits : NO_HITS;
  }

  /** End of input: decides every open window and forgets all state. */
  flush(): CorrelationHit[] {
    const hits: CorrelationHit[] = [];
    this.keysOf.forEach((keys, index) => {
      for (const [key, state] of keys) this.forget(index, key, state, hits);
    });
    return hits;
  }

  stats(): CorrelationStats {
    return { keys: this.keyCount, lateEvents: this.lateEvents, evictedKeys: this.evictedKeys, droppedEntries: this.droppedEntries };
  }

  private now(): number {
    return this.options.clock() - this.wallEpoch;
  }

  private observeKey(listener: Listener, key: string, firing: RuleFiring, value: unknown, hits: CorrelationHit[]): void {
    const correlation = listener.correlation;
    const keys = this.keysOf[listener.index]!;
    this.epoch ??= firing.time;
    const time = firing.time - this.epoch;
    const now = this.now();
    let state = keys.get(key);
    if (state) {
      // Too old for any window the key still holds, or in a window already decided: it cannot be
      // counted right any more.
      if (time < state.last - correlation.timespanMs - this.options.latenessMs || (state.data instanceof WindowEntries && time <= state.data.decidedUntil)) {
        this.lateEvents++;
        return;
      }
      keys.delete(key);
    } else {
      this.evictIfFull(hits);
      state = new KeyState(time, now);
      this.keyCount++;
    }
    keys.set(key, state);
    state.seenAt = now;
    if (time > state.last) state.last = time;
    this.remember(correlation, state, firing);

    if (listener.closes) {
      this.enter(listener, state, time, value);
      this.closeDue(correlation, key, state, state.last - this.options.latenessMs, hits);
      return;
    }
    const measured = this.record(listener, state, time, value);
    if (measured === undefined || !satisfies(correlation.condition, measured)) return;
    keys.delete(key);
    this.keyCount--;
    const eventCount = state.data instanceof WindowEntries ? state.data.size : measured;
    hits.push(this.hitOf(correlation, key, state, { measured, eventCount, time: state.last, event: firing.event }));
  }

  /** Adds a firing to the entries of a key deciding at close. */
  private enter(listener: Listener, state: KeyState, time: number, value: unknown): void {
    const entries = (state.data ??= new WindowEntries()) as WindowEntries;
    const limit = this.options.maxEntriesPerKey;
    switch (listener.correlation.type) {
      case 'event_count':
        this.droppedEntries += entries.insert(time, undefined, limit);
        return;
      case 'temporal':
      case 'temporal_ordered':
        for (const position of listener.positions) this.droppedEntries += entries.insert(time, position, limit);
        return;
      case 'value_sum':
      case 'value_avg': {
        const amount = numberOf(value);
        if (amount !== undefined) this.droppedEntries += entries.insert(time, amount, limit);
        return;
      }
      case 'value_count':
      case 'value_percentile':
        for (const text of textsOf(value)) this.droppedEntries += entries.insert(time, text, limit);
        return;
    }
  }

  /**
   * Adds a firing to a key deciding as firings arrive; returns what to compare with the condition
   * now, or undefined when there is nothing to compare yet.
   */
  private record(listener: Listener, state: KeyState, time: number, value: unknown): number | undefined {
    const correlation = listener.correlation;
    const span = correlation.timespanMs;
    const horizon = state.last - span - this.options.latenessMs;
    switch (correlation.type) {
      case 'event_count': {
        if (state.data === undefined) {
          state.data = [time];
          return 1;
        }
        const times = withTime(state.data as number[], time, horizon);
        state.data = times;
        return maxCountInWindowWith(times, time, span);
      }
      case 'value_count': {
        state.data ??= new Map<string, number>();
        const values = state.data as Map<string, number>;
        for (const text of textsOf(value)) seeValue(values, text, time);
        // The count cannot exceed the number of values, so below the threshold there is nothing to
        // count. Stale values are dropped only from the threshold on, and the map stays bounded: below
        // it the map holds fewer entries than the threshold, from it on every firing drops the stale
        // ones, leaving the values seen within the horizon. Dropping later changes no count: the
        // horizon only moves forward, so a stale value stays stale until it is seen again, and then
        // it gets the new time whether it was dropped or not.
        if (values.size < listener.threshold) return undefined;
        const times: number[] = [];
        for (const [seenValue, seen] of values) {
          if (seen < horizon) values.delete(seenValue);
          else times.push(seen);
        }
        if (times.length < listener.threshold) return undefined;
        times.sort((a, b) => a - b);
        return maxCountInWindowWith(times, time, span);
      }
      case 'value_sum': {
        const amount = numberOf(value);
        if (amount === undefined) return undefined;
        const entries = (state.data ??= new WindowEntries()) as WindowEntries;
        entries.dropBefore(horizon);
        this.droppedEntries += entries.insert(time, amount, this.options.maxEntriesPerKey);
        return entries.maxSumInWindowWith(time, span);
      }
      case 'temporal':
      case 'temporal_ordered': {
        state.data ??= correlation.ruleIds.map((): number[] => []);
        const perRule = state.data as number[][];
        for (const position of listener.positions) perRule[position] = withTime(perRule[position]!, time, horizon, this.options.maxTimesPerRule);
        if (correlation.type === 'temporal_ordered') return orderedWithin(perRule, time, span) ? correlation.ruleIds.length : 0;
        return distinctRulesInWindowWith(perRule, time, span);
      }
      case 'value_avg':
      case 'value_percentile':
        // Always decided at close (decidedAtClose), never here.
        return undefined;
    }
  }

  /** Decides every window of a key deciding at close that ends before `watermark` (relative event time). */
  private closeDue(correlation: CompiledCorrelation, key: string, state: KeyState, watermark: number, hits: CorrelationHit[]): void {
    const entries = state.data as WindowEntries | undefined;
    if (!entries) return;
    const span = correlation.timespanMs;
    while (entries.size > 0 && entries.times[0]! + span < watermark) {
      const window = entries.takeFirstWindow(span)!;
      const decision = decide(correlation, window.values);
      if (decision === undefined) continue;
      hits.push(this.hitOf(correlation, key, state, { ...decision, eventCount: window.values.length, time: window.end }));
    }
  }

  /** Drops a key, deciding what it still holds. */
  private forget(index: number, key: string, state: KeyState, hits: CorrelationHit[]): void {
    this.keysOf[index]!.delete(key);
    this.keyCount--;
    const correlation = this.correlations[index]!;
    if (decidedAtClose(correlation)) this.closeDue(correlation, key, state, Number.POSITIVE_INFINITY, hits);
  }

  private remember(correlation: CompiledCorrelation, state: KeyState, firing: RuleFiring): void {
    if (this.options.maxEventIdsPerKey > 0) rememberEventIds(state, firing.eventIds, this.options.maxEventIdsPerKey);
    if (!spansOrganisations(correlation)) return;
    for (const org of firing.organizationIds) {
      state.orgs ??= [];
      if (!state.orgs.includes(org) && state.orgs.length < this.options.maxOrganisationsPerKey) state.orgs.push(org);
    }
  }

  private hitOf(correlation: CompiledCorrelation, key: string, state: KeyState, outcome: { measured: number; eventCount: number; time: number; event?: EcsEvent; value?: string }): CorrelationHit {
    const values = key.split(SEPARATOR);
    const group: Record<string, string> = {};
    correlation.groupBy.forEach((name, position) => (group[name] = values[position]!));
    // A percentile names the value it found rare (or common): each such value is its own finding.
    if (outcome.value !== undefined && correlation.valueField) group[correlation.valueField] = outcome.value;
    const organizationIds = state.orgs ? [...state.orgs].sort() : group['organization.id'] ? [group['organization.id']] : [];
    return {
      correlation,
      group,
      time: outcome.time + (this.epoch ?? 0),
      eventIds: eventIdsOf(state),
      eventCount: outcome.eventCount,
      measured: outcome.measured,
      organizationIds,
      ...(outcome.event ? { event: outcome.event } : {}),
    };
  }

  /** Makes room for one more key by forgetting the longest silent one, deciding what it holds. */
  private evictIfFull(hits: CorrelationHit[]): void {
    if (this.keyCount < this.options.maxKeys) return;
    let oldest: { index: number; key: string; state: KeyState } | undefined;
    this.keysOf.forEach((keys, index) => {
      const first = keys.entries().next();
      if (!first.done && (oldest === undefined || first.value[1].seenAt < oldest.state.seenAt)) oldest = { index, key: first.value[0], state: first.value[1] };
    });
    if (!oldest) return;
    this.forget(oldest.index, oldest.key, oldest.state, hits);
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
    if (value === undefined || value === null || value === '') return undefined;
    parts[position] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return parts.join(SEPARATOR);
}

/** Records that a value_count value was seen at `time`, keeping its latest time. */
function seeValue(values: Map<string, number>, value: string, time: number): void {
  const seen = values.get(value);
  if (seen === undefined || time > seen) values.set(value, time);
}

/** The texts of a value or of every element of a list; nothing for absent or empty values. */
function textsOf(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value.filter((element) => element !== undefined && element !== null && element !== '').map(String) : [String(value)];
}

/** A number, or a text that is one ("1500" from a log line); undefined for anything else. */
function numberOf(value: unknown): number | undefined {
  const amount = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(amount) ? amount : undefined;
}

/**
 * Decides one closed window: what the condition compares (count, distinct values or rules, sum,
 * average), or for value_percentile the share in percent of the rarest value whose share meets the
 * condition. Undefined when the condition does not hold (or an average has nothing to average).
 */
function decide(correlation: CompiledCorrelation, values: unknown[]): { measured: number; value?: string } | undefined {
  const holds = (measured: number): boolean => satisfies(correlation.condition, measured);
  switch (correlation.type) {
    case 'event_count':
      return holds(values.length) ? { measured: values.length } : undefined;
    case 'value_count':
    case 'temporal':
    case 'temporal_ordered': {
      const distinct = new Set(values).size;
      return holds(distinct) ? { measured: distinct } : undefined;
    }
    case 'value_sum':
    case 'value_avg': {
      if (values.length === 0) return undefined;
      let sum = 0;
      for (const amount of values) sum += amount as number;
      const measured = correlation.type === 'value_sum' ? sum : sum / values.length;
      return holds(measured) ? { measured } : undefined;
    }
    case 'value_percentile': {
      const counts = new Map<string, number>();
      for (const value of values) counts.set(value as string, (counts.get(value as string) ?? 0) + 1);
      const rarestFirst = [...counts].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
      for (const [value, count] of rarestFirst) {
        const share = (100 * count) / values.length;
        if (holds(share)) return { measured: share, value };
      }
      return undefined;
    }
  }
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
