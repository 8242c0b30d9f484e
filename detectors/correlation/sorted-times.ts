/**
 * Helpers for ascending arrays of epoch milliseconds, the compact form correlation state keeps
 * instead of events. Events mostly arrive in order, so insertion scans from the end.
 */
export function insertSorted(times: number[], time: number): number[] {
  let index = times.length;
  while (index > 0 && times[index - 1]! > time) index--;
  // A fresh exact-size array instead of push(): V8 grows a pushed array to 17+ slots, which for
  // hundreds of thousands of mostly short-lived keys costs more than the copy.
  return [...times.slice(0, index), time, ...times.slice(index)];
}

/** The times from `before` on (the same array when nothing is dropped). */
export function dropBefore(times: number[], before: number): number[] {
  let count = 0;
  while (count < times.length && times[count]! < before) count++;
  return count > 0 ? times.slice(count) : times;
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

/** The latest time that is not after `limit`, or undefined. */
export function latestAtOrBefore(times: number[], limit: number): number | undefined {
  for (let index = times.length - 1; index >= 0; index--) if (times[index]! <= limit) return times[index];
  return undefined;
}
