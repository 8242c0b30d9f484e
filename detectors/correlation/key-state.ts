import type { WindowEntries } from './window-entries.js';

/**
 * Everything a correlation remembers about one group key. Deliberately small (see the bytes-per-key
 * figure in docs/correlation-and-ioc.md): times are milliseconds relative to the engine's epoch so
 * that V8 keeps them as small integers, arrays are created only when a second value arrives, and
 * the fields are fixed so that every state shares one hidden class.
 */
export class KeyState {
  /** Latest event time seen for this key: its own event time, which no other key moves. */
  last: number;
  /** Wall-clock time (relative to the engine's start) of the key's latest firing: drives expiry. */
  seenAt: number;
  /**
   * Per type, for conditions decided as events arrive: event_count keeps sorted times (number[]),
   * value_count maps each distinct value to the latest time it was seen, temporal keeps sorted times
   * per position in `rules` (number[][]), value_sum keeps entries with their numbers. Conditions
   * decided when a window closes keep entries (WindowEntries) whatever the type.
   */
  data: number[] | Map<string, number> | number[][] | WindowEntries | undefined = undefined;
  /**
   * The most recent event ids, oldest first; a lone id is kept as the string itself, since most keys
   * never see a second event and an array around one id costs more than the id.
   */
  ids: string | string[] | undefined = undefined;
  /** Organisations of the events, kept only when the key does not already fix the organisation. */
  orgs: string[] | undefined = undefined;

  constructor(time: number, seenAt: number) {
    this.last = time;
    this.seenAt = seenAt;
  }
}

/**
 * Adds a firing's event ids to the state, keeping the `max` most recent (max ≥ 1). The common cases
 * allocate nothing: a key's first lone id is kept as the string, and a full list shifts in place
 * (it is never handed out, see eventIdsOf). Otherwise the list is a fresh array of exactly its
 * length, and never the caller's.
 */
export function rememberEventIds(state: KeyState, ids: string[], max: number): void {
  if (ids.length === 0) return;
  const current = state.ids;
  if (current === undefined && ids.length === 1) {
    state.ids = ids[0];
    return;
  }
  if (Array.isArray(current) && current.length === max && ids.length === 1) {
    current.copyWithin(0, 1);
    current[max - 1] = ids[0]!;
    return;
  }
  const all = (current === undefined ? [] : typeof current === 'string' ? [current] : current).concat(ids);
  const kept = all.length > max ? all.slice(all.length - max) : all;
  state.ids = kept.length === 1 ? kept[0] : kept;
}

/** The kept event ids of a state as a fresh array, oldest first. */
export function eventIdsOf(state: KeyState): string[] {
  if (state.ids === undefined) return [];
  return typeof state.ids === 'string' ? [state.ids] : [...state.ids];
}
