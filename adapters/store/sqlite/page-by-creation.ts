import type Database from 'better-sqlite3';
import type { Page } from '../../../core/ports/stores.js';
import { decodeCursor, encodeCursor } from './cursor.js';

type SqlValue = string | number;

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

/** A keyset page over (created_at, id); `order` is the direction of both. */
export function pageByCreation<T>(db: Database.Database, table: string, where: string[], params: SqlValue[], query: { limit?: number; cursor?: string }, order: 'ASC' | 'DESC' = 'DESC'): Page<T> {
  const limit = Math.min(Math.max(query.limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT);
  const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const total = db.prepare<SqlValue[], { n: number }>(`SELECT count(*) AS n FROM ${table} ${filter}`).get(...params)?.n ?? 0;
  const pageWhere = [...where];
  const pageParams = [...params];
  if (query.cursor !== undefined) {
    const cursor = decodeCursor(query.cursor, 'createdAt');
    const after = order === 'DESC' ? '<' : '>';
    pageWhere.push(`(created_at ${after} ? OR (created_at = ? AND id ${after} ?))`);
    pageParams.push(cursor.value, cursor.value, cursor.id);
  }
  const pageFilter = pageWhere.length > 0 ? `WHERE ${pageWhere.join(' AND ')}` : '';
  const rows = db
    .prepare<SqlValue[], { id: string; created_at: string; doc: string }>(`SELECT id, created_at, doc FROM ${table} ${pageFilter} ORDER BY created_at ${order}, id ${order} LIMIT ?`)
    .all(...pageParams, limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor({ sort: 'createdAt', value: last.created_at, id: last.id }) : undefined;
  return { items: items.map((row) => JSON.parse(row.doc) as T), total, ...(nextCursor === undefined ? {} : { nextCursor }) };
}
