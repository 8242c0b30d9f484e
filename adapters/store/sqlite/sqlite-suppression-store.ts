import type Database from 'better-sqlite3';
import type { Scope } from '../../../core/domain/scope.js';
import type { Suppression } from '../../../core/domain/suppression.js';
import type { SuppressionStore } from '../../../core/ports/stores.js';
import { runSql } from './run-sql.js';
import { scopedToOrganisation } from './scoped-to-organisation.js';

/** `expires_at` holds `toISOString()` times, so that comparing the text compares the times. */
export class SqliteSuppressionStore implements SuppressionStore {
  private readonly expireInScope;

  constructor(private readonly db: Database.Database) {
    // Read and write in one transaction, so that an earlier expiry is never pushed later again.
    this.expireInScope = db.transaction((id: string, at: string, scope: Scope): Suppression | undefined => {
      const current = this.select(['id = ?'], [id], scope)[0];
      if (current === undefined || current.expiresAt <= at) return current;
      const expired: Suppression = { ...current, expiresAt: at };
      this.db.prepare<[string, string, string]>('UPDATE suppressions SET expires_at = ?, doc = ? WHERE id = ?').run(at, JSON.stringify(expired), id);
      return expired;
    });
  }

  create(suppression: Suppression): Promise<void> {
    return runSql(() => {
      this.db
        .prepare<[string, string | null, string, string, string]>('INSERT INTO suppressions (id, organization_id, created_at, expires_at, doc) VALUES (?, ?, ?, ?, ?)')
        .run(suppression.id, suppression.organizationId, suppression.createdAt, suppression.expiresAt, JSON.stringify(suppression));
    });
  }

  get(id: string, scope: Scope): Promise<Suppression | undefined> {
    return runSql(() => this.select(['id = ?'], [id], scope)[0]);
  }

  list(scope: Scope): Promise<Suppression[]> {
    return runSql(() => this.select([], [], scope));
  }

  expire(id: string, at: string, scope: Scope): Promise<Suppression | undefined> {
    return runSql(() => this.expireInScope(id, at, scope));
  }

  active(now: Date): Promise<Suppression[]> {
    return runSql(() => this.select(['expires_at > ?'], [now.toISOString()], { kind: 'all' }));
  }

  private select(where: string[], params: string[], scope: Scope): Suppression[] {
    const scoped = scopedToOrganisation(where, params, scope);
    const filter = scoped.where.length > 0 ? `WHERE ${scoped.where.join(' AND ')}` : '';
    return this.db
      .prepare<(string | number)[], { doc: string }>(`SELECT doc FROM suppressions ${filter} ORDER BY created_at DESC, id`)
      .all(...scoped.params)
      .map((row) => JSON.parse(row.doc) as Suppression);
  }
}
