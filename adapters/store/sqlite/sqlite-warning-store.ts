import type Database from 'better-sqlite3';
import type { Warning } from '../../../core/domain/warning.js';
import { ConflictError } from '../../../core/errors.js';
import type { Page } from '../../../core/ports/stores.js';
import type { WarningQuery, WarningStore, WarningViewer } from '../../../core/ports/warning-stores.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { runSql } from './run-sql.js';

type SqlValue = string | number;

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;
const SORT = 'createdAt';

/**
 * An organisation sees a warning only once it is published and addressed to it; a TLP:RED warning
 * only the people it names.
 */
const VISIBLE_TO_ORGANISATION = `warnings.status = 'published'
  AND EXISTS (SELECT 1 FROM warning_organisations wo WHERE wo.warning_id = warnings.id AND wo.organization_id = ?)
  AND (warnings.tlp <> 'TLP:RED' OR EXISTS (SELECT 1 FROM warning_named_users wu WHERE wu.warning_id = warnings.id AND wu.user_id = ?))`;

export class SqliteWarningStore implements WarningStore {
  private readonly write;
  private readonly compareAndSet;

  constructor(private readonly db: Database.Database) {
    const insert = db.prepare<[string, string, string, string, number, string]>('INSERT INTO warnings (id, status, tlp, created_at, version, doc) VALUES (?, ?, ?, ?, ?, ?)');
    const update = db.prepare<[string, string, number, string, string, number]>('UPDATE warnings SET status = ?, tlp = ?, version = ?, doc = ? WHERE id = ? AND version = ?');
    const clearLinks = [db.prepare<[string]>('DELETE FROM warning_organisations WHERE warning_id = ?'), db.prepare<[string]>('DELETE FROM warning_named_users WHERE warning_id = ?')];
    const linkOrganisation = db.prepare<[string, string]>('INSERT OR IGNORE INTO warning_organisations (warning_id, organization_id) VALUES (?, ?)');
    const linkUser = db.prepare<[string, string]>('INSERT OR IGNORE INTO warning_named_users (warning_id, user_id) VALUES (?, ?)');
    const link = (warning: Warning) => {
      for (const statement of clearLinks) statement.run(warning.id);
      for (const organizationId of warning.organizationIds) linkOrganisation.run(warning.id, organizationId);
      for (const userId of warning.recipientUserIds) linkUser.run(warning.id, userId);
    };
    this.write = db.transaction((warning: Warning) => {
      insert.run(warning.id, warning.status, warning.tlp, warning.createdAt, warning.version, JSON.stringify(warning));
      link(warning);
    });
    this.compareAndSet = db.transaction((warning: Warning, expectedVersion: number) => {
      if (update.run(warning.status, warning.tlp, warning.version, JSON.stringify(warning), warning.id, expectedVersion).changes === 0) {
        throw new ConflictError(`warning ${warning.id} is not at version ${expectedVersion}`);
      }
      link(warning);
    });
  }

  create(warning: Warning): Promise<void> {
    return runSql(() => {
      this.write(warning);
    });
  }

  replace(warning: Warning, expectedVersion: number): Promise<void> {
    return runSql(() => {
      this.compareAndSet(warning, expectedVersion);
    });
  }

  get(id: string, viewer: WarningViewer): Promise<Warning | undefined> {
    return runSql(() => {
      const { where, params } = scoped(['warnings.id = ?'], [id], viewer);
      const row = this.db.prepare<SqlValue[], { doc: string }>(`SELECT doc FROM warnings WHERE ${where.join(' AND ')}`).get(...params);
      return row === undefined ? undefined : (JSON.parse(row.doc) as Warning);
    });
  }

  list(query: WarningQuery, viewer: WarningViewer): Promise<Page<Warning>> {
    return runSql(() => {
      const limit = Math.min(Math.max(query.limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT);
      const filters: string[] = [];
      const values: SqlValue[] = [];
      if (query.status && query.status.length > 0) {
        filters.push(`warnings.status IN (${query.status.map(() => '?').join(', ')})`);
        values.push(...query.status);
      }
      const { where, params } = scoped(filters, values, viewer);
      const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
      const total = this.db.prepare<SqlValue[], { n: number }>(`SELECT count(*) AS n FROM warnings ${filter}`).get(...params)?.n ?? 0;
      if (query.cursor !== undefined) {
        const cursor = decodeCursor(query.cursor, SORT);
        where.push('(created_at < ? OR (created_at = ? AND id < ?))');
        params.push(cursor.value, cursor.value, cursor.id);
      }
      const pageFilter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
      const rows = this.db
        .prepare<SqlValue[], { id: string; created_at: string; doc: string }>(`SELECT id, created_at, doc FROM warnings ${pageFilter} ORDER BY created_at DESC, id DESC LIMIT ?`)
        .all(...params, limit + 1);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      const nextCursor = rows.length > limit && last ? encodeCursor({ sort: SORT, value: last.created_at, id: last.id }) : undefined;
      return { items: page.map((row) => JSON.parse(row.doc) as Warning), total, ...(nextCursor === undefined ? {} : { nextCursor }) };
    });
  }

  listPublished(): Promise<Warning[]> {
    return runSql(() =>
      this.db
        .prepare<[], { doc: string }>(`SELECT doc FROM warnings WHERE status = 'published' ORDER BY created_at, id`)
        .all()
        .map((row) => JSON.parse(row.doc) as Warning),
    );
  }

  nextTrackingNumber(year: number): Promise<number> {
    return runSql(
      () =>
        this.db
          .prepare<[number], { last: number }>('INSERT INTO warning_counters (year, last) VALUES (?, 1) ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last')
          .get(year)!.last,
    );
  }
}

function scoped(where: string[], params: SqlValue[], viewer: WarningViewer): { where: string[]; params: SqlValue[] } {
  if (viewer.scope.kind === 'all') return { where: [...where], params: [...params] };
  return { where: [...where, `(${VISIBLE_TO_ORGANISATION})`], params: [...params, viewer.scope.organizationId, viewer.userId] };
}
