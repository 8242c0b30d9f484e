import type { Client, estypes } from '@elastic/elasticsearch';
import type { Page } from '../../../core/ports/stores.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { totalOf } from './total-of.js';
import { esRequest } from './translate-error.js';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

export interface CreationPageRequest {
  index: string;
  /** Names the store in translated errors. */
  what: string;
  filter: estypes.QueryDslQueryContainer[];
  order: 'asc' | 'desc';
  /** Fields stored only to be searched on, left out of the documents returned. */
  excludes?: string[];
  limit?: number;
  cursor?: string;
}

/** A `search_after` page over (createdAt, id), both in `order`; the documents are returned as stored. */
export async function pageByCreation<T>(client: Client, request: CreationPageRequest): Promise<Page<T>> {
  const limit = Math.min(Math.max(request.limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT);
  const searchAfter = request.cursor === undefined ? undefined : decodeCursor(request.cursor, 'createdAt');
  const response = await esRequest(request.what, () =>
    client.search<T>({
      index: request.index,
      size: limit + 1,
      query: { bool: { filter: request.filter } },
      sort: [{ createdAt: request.order }, { id: request.order }],
      track_total_hits: true,
      ...(request.excludes === undefined ? {} : { _source: { excludes: request.excludes } }),
      ...(searchAfter === undefined ? {} : { search_after: searchAfter }),
    }),
  );
  const hits = response.hits.hits;
  const page = hits.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = hits.length > limit && last?.sort !== undefined ? encodeCursor('createdAt', last.sort) : undefined;
  return {
    items: page.flatMap((hit) => (hit._source === undefined ? [] : [hit._source])),
    total: totalOf(response.hits.total),
    ...(nextCursor === undefined ? {} : { nextCursor }),
  };
}
