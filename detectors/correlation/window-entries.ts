/**
 * What a key keeps for a condition decided when its window closes (lt, lte, eq, neq, and every
 * value_avg and value_percentile): each firing as a time and the value it brings (the counted
 * field's value, the position of the rule, or nothing for plain counts), sorted by time. Late and
 * out-of-order firings are inserted where they belong, so a window holds the same firings whatever
 * order they arrived in.
 */
export class WindowEntries {
  readonly times: number[] = [];
  readonly values: unknown[] = [];

  get size(): number {
    return this.times.length;
  }

  /** Inserts in time order; past `limit` entries the oldest go, and how many went is returned. */
  insert(time: number, value: unknown, limit: number): number {
    let at = this.times.length;
    // Firings mostly arrive in order, so the place is found scanning from the end.
    while (at > 0 && this.times[at - 1]! > time) at--;
    this.times.splice(at, 0, time);
    this.values.splice(at, 0, value);
    const excess = this.times.length - limit;
    if (excess <= 0) return 0;
    this.times.splice(0, excess);
    this.values.splice(0, excess);
    return excess;
  }

  /**
   * Removes and returns the window that starts at the oldest entry and spans `span` ms (its values
   * and the time of its last entry), or undefined when no entry is left.
   */
  takeFirstWindow(span: number): { end: number; values: unknown[] } | undefined {
    if (this.times.length === 0) return undefined;
    const start = this.times[0]!;
    let count = 1;
    while (count < this.times.length && this.times[count]! <= start + span) count++;
    const end = this.times[count - 1]!;
    this.times.splice(0, count);
    return { end, values: this.values.splice(0, count) };
  }

  /** Forgets the entries before `horizon`. */
  dropBefore(horizon: number): void {
    let count = 0;
    while (count < this.times.length && this.times[count]! < horizon) count++;
    if (count === 0) return;
    this.times.splice(0, count);
    this.values.splice(0, count);
  }

  /**
   * The largest sum of the (numeric) values in one window of `span` ms that contains `time`: each
   * window starting at an entry is summed with two pointers, so one pass does.
   */
  maxSumInWindowWith(time: number, span: number): number {
    let best = Number.NEGATIVE_INFINITY;
    let end = 0;
    let sum = 0;
    for (let start = 0; start < this.times.length; start++) {
      const from = this.times[start]!;
      if (from > time) break;
      while (end < this.times.length && this.times[end]! <= from + span) sum += this.values[end++] as number;
      if (from >= time - span) best = Math.max(best, sum);
      sum -= this.values[start] as number;
    }
    return best;
  }
}
