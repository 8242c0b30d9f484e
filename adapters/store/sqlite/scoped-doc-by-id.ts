import type Database from 'better-sqlite3';
import type { Scope } from '../../../core/domain/scope.js';
import { scopedToOrganisation } from './scoped-to-organisation.js';

/** The JSON document of one row of `table` by id, found only inside the scope (the condition is in the query). */
export function scopedDocById<T>(db: Database.Database, table: string, id: string, scope: Scope): T | undefined {
  const { where, params } = scopedToOrganisation(['id = ?'], [id], scope);
  const row = db.prepare<(string | number)[], { doc: string }>(`SELECT doc FROM ${table} WHERE ${where.join(' AND ')}`).get(...params);
  return row === undefined ? undefined : (JSON.parse(row.doc) as T);
}
