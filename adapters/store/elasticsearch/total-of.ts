import type { estypes } from '@elastic/elasticsearch';

/** `hits.total` is an object when `track_total_hits` is on, a number in older response shapes. */
export function totalOf(total: estypes.SearchTotalHits | number | undefined): number {
  return typeof total === 'number' ? total : (total?.value ?? 0);
}
