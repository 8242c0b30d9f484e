/**
 * Indexed time columns hold UTC ISO strings so that text order is time order, whatever offset the
 * source wrote. An unparseable value is kept as written: the row is still stored, only mis-sorted.
 */
export function isoTime(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}
