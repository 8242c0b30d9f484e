import type Database from 'better-sqlite3';
import type { Scope } from '../../../core/domain/scope.js';
import type { LogSource, LogSourceStore } from '../../../core/ports/triage-stores.js';
import { runSql } from './run-sql.js';
import { scopedToOrganisation } from './scoped-to-organisation.js';

export class SqliteLogSourceStore implements LogSourceStore {
  private readonly revokeInScope;

  constructor(private readonly db: Database.Database) {
    // Read and write in one transaction, so that the first revocation time is the one that stays.
    this.revokeInScope = db.transaction((id: string, at: string, scope: Scope): LogSource | undefined => {
      const current = this.select(['id = ?'], [id], scope)[0];
      if (current === undefined || current.revokedAt !== null) return current;
      const revoked: LogSource = { ...current, revokedAt: at };
      this.write(revoked);
      return revoked;
    });
  }

  /** A token hash already used by another source fails with ConflictError (unique column). */
  upsert(source: LogSource): Promise<void> {
    return runSql(() => this.write(source));
  }

  get(id: string, scope: Scope): Promise<LogSource | undefined> {
    return runSql(() => this.select(['id = ?'], [id], scope)[0]);
  }

  list(scope: Scope): Promise<LogSource[]> {
    return runSql(() => this.select([], [], scope));
  }

  findByTokenHash(tokenHash: string): Promise<LogSource | undefined> {
    return runSql(() => {
      const row = this.db.prepare<[string], { doc: string }>('SELECT doc FROM log_sources WHERE token_hash = ?').get(tokenHash);
      return row === undefined ? undefined : (JSON.parse(row.doc) as LogSource);
    });
  }

  revoke(id: string, at: string, scope: Scope): Promise<LogSource | undefined> {
    return runSql(() => this.revokeInScope(id, at, scope));
  }

  private write(source: LogSource): void {
    this.db
      .prepare<[string, string, string, string, string]>(
        `INSERT INTO log_sources (id, organization_id, token_hash, created_at, doc) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET organization_id = excluded.organization_id, token_hash = excluded.token_hash, doc = excluded.doc`,
      )
      .run(source.id, source.organizationId, source.tokenHash, source.createdAt, JSON.stringify(source));
  }

  private select(where: string[], params: string[], scope: Scope): LogSource[] {
    const scoped = scopedToOrganisation(where, params, scope);
    const filter = scoped.where.length > 0 ? `WHERE ${scoped.where.join(' AND ')}` : '';
    return this.db
      .prepare<(string | number)[], { doc: string }>(`SELECT doc FROM log_sources ${filter} ORDER BY created_at, id`)
      .all(...scoped.params)
      .map((row) => JSON.parse(row.doc) as LogSource);
  }
}
