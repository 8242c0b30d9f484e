import type { Page } from '../../core/ports/stores.js';

/** Follows `nextCursor` from the first page to the last; fails instead of looping when the cursor never ends. */
export async function allPages<T>(fetch: (cursor: string | undefined) => Promise<Page<T>>): Promise<{ items: T[]; pages: number; totals: number[] }> {
  const items: T[] = [];
  const totals: number[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await fetch(cursor);
    items.push(...page.items);
    totals.push(page.total);
    cursor = page.nextCursor;
    pages += 1;
    if (pages > 50) throw new Error('pagination does not end');
  } while (cursor !== undefined);
  return { items, pages, totals };
}
