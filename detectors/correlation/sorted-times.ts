/**
 * Helpers for ascending arrays of epoch milliseconds, the compact form correlation state keeps
 * instead of events. Events mostly arrive in order, so insertion scans from the end.
 */

/**
 * `times` with `time` inserted in order, then without the times before `before` and, past `limit`,
 * without the oldest. When that leaves the length as it was (one time drops out as one comes in, the
 * steady state of a busy key) `times` itself is updated; otherwise the result is a fresh array of
 * exactly its length: V8 grows a pushed (or spread) array to 17+ slots, which for hundreds of
 * thousands of mostly short-lived keys costs more than the copy.
 */
export function withTime(times: number[], time: number, before: number, limit = Number.POSITIVE_INFINITY): number[] {
  const length = times.length;
  let at = length;
  while (at > 0 && times[at - 1]! > time) at--;
  // The merged sequence is times[0, at), time, times[at, length); `skip` of its oldest entries go.
  let skip = 0;
  while (skip < length && times[skip]! < before) skip++;
  if (time < before) skip++;
  skip = Math.min(length + 1, Math.max(skip, length + 1 - limit));
  const kept = length + 1 - skip;
  // Either copy reads only from `times`; updating `times` itself is safe too, as each entry is read
  // before it is written (skip ≥ 1 there, so every source index is at or after its target).
  const result = skip === 0 ? times.concat([time]) : skip === 1 ? times : times.slice(skip - 1);
  for (let index = 0; index < kept; index++) {
    const merged = skip + index;
    result[index] = merged < at ? times[merged]! : merged === at ? time : times[merged - 1]!;
  }
  return result;
}

/** The largest number of times that fit in one window of `span` ms that also contains `time`. */
export function maxCountInWindowWith(times: number[], time: number, span: number): number {
  let best = 0;
  let end = 0;
  for (let start = 0; start < times.length; start++) {
    const from = times[start]!;
    if (from < time - span) continue;
    if (from > time) break;
    if (end < start) end = start;
    while (end < times.length && times[end]! <= from + span) end++;
    best = Math.max(best, end - start);
  }
  return best;
}

/** Whether some time lies in [from, to]. */
export function hasTimeBetween(times: number[], from: number, to: number): boolean {
  for (const time of times) if (time >= from && time <= to) return true;
  return false;
}

/** The latest time that is not after `limit`, or undefined. */
export function latestAtOrBefore(times: number[], limit: number): number | undefined {
  for (let index = times.length - 1; index >= 0; index--) if (times[index]! <= limit) return times[index];
  return undefined;
}
