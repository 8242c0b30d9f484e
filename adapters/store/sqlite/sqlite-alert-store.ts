import type Database from 'better-sqlite3';
import type { Alert } from '../../../core/domain/alert.js';
import type { Scope } from '../../../core/domain/scope.js';
import type { AlertQuery, AlertStore, Page } from '../../../core/ports/stores.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { isoTime } from '../iso-time.js';
import { runSql } from './run-sql.js';

interface AlertRow {
  id: string;
  timestamp: string;
  doc: string;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;

export class SqliteAlertStore implements AlertStore {
  private readonly writeBatch;

  constructor(private readonly db: Database.Database) {
    const insert = db.prepare<[string, string | null, string, string, string]>(
      'INSERT OR REPLACE INTO alerts (id, organization_id, rule_id, timestamp, doc) VALUES (?, ?, ?, ?, ?)',
    );
    this.writeBatch = db.transaction((alerts: Alert[]) => {
      for (const alert of alerts) {
        insert.run(alert.alert.id, alert.organization.id, alert.rule.id, isoTime(alert['@timestamp']), JSON.stringify(alert));
      }
    });
  }

  putMany(alerts: Alert[]): Promise<void> {
    return runSql(() => {
      this.writeBatch(alerts);
    });
  }

  async get(id: string, scope: Scope): Promise<Alert | undefined> {
    const [alert] = await this.getMany([id], scope);
    return alert;
  }

  /** SQLite reads its own writes: the same as getMany. */
  getRecent(refs: { id: string; at: string }[], scope: Scope): Promise<Alert[]> {
    return this.getMany(
      refs.map((ref) => ref.id),
      scope,
    );
  }

  getMany(ids: string[], scope: Scope): Promise<Alert[]> {
    return runSql(() => {
      const where = ['id IN (SELECT value FROM json_each(?))'];
      const params: string[] = [JSON.stringify(ids)];
      if (scope.kind === 'organisation') {
        where.push('organization_id = ?');
        params.push(scope.organizationId);
      }
      const rows = this.db.prepare<string[], AlertRow>(`SELECT id, timestamp, doc FROM alerts WHERE ${where.join(' AND ')} ORDER BY timestamp DESC, id DESC`).all(...params);
      return rows.map((row) => JSON.parse(row.doc) as Alert);
    });
  }

  /** Newest first; the cursor is the (timestamp, id) of the last alert on the page. */
  search(query: AlertQuery, scope: Scope): Promise<Page<Alert>> {
    return runSql(() => {
      const limit = Math.min(Math.max(query.limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT);
      const where: string[] = [];
      const params: string[] = [];
      if (scope.kind === 'organisation') {
        where.push('organization_id = ?');
        params.push(scope.organizationId);
      }
      if (query.organizationId !== undefined) {
        where.push('organization_id = ?');
        params.push(query.organizationId);
      }
      if (query.ruleId !== undefined) {
        where.push('rule_id = ?');
        params.push(query.ruleId);
      }
      if (query.from !== undefined) {
        where.push('timestamp >= ?');
        params.push(isoTime(query.from));
      }
      if (query.to !== undefined) {
        where.push('timestamp <= ?');
        params.push(isoTime(query.to));
      }
      const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
      const total = this.db.prepare<string[], { n: number }>(`SELECT count(*) AS n FROM alerts ${filter}`).get(...params)?.n ?? 0;

      const pageWhere = [...where];
      const pageParams: (string | number)[] = [...params];
      if (query.cursor !== undefined) {
        const cursor = decodeCursor(query.cursor, '@timestamp');
        pageWhere.push('(timestamp < ? OR (timestamp = ? AND id < ?))');
        pageParams.push(cursor.value, cursor.value, cursor.id);
      }
      const pageFilter = pageWhere.length > 0 ? `WHERE ${pageWhere.join(' AND ')}` : '';
      const rows = this.db
        .prepare<(string | number)[], AlertRow>(`SELECT id, timestamp, doc FROM alerts ${pageFilter} ORDER BY timestamp DESC, id DESC LIMIT ?`)
        .all(...pageParams, limit + 1);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      const nextCursor = rows.length > limit && last ? encodeCursor({ sort: '@timestamp', value: last.timestamp, id: last.id }) : undefined;
      return { items: page.map((row) => JSON.parse(row.doc) as Alert), total, ...(nextCursor === undefined ? {} : { nextCursor }) };
    });
  }
}
