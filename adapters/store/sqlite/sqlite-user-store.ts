import type Database from 'better-sqlite3';
import type { Scope } from '../../../core/domain/scope.js';
import type { User } from '../../../core/domain/user.js';
import type { UserStore } from '../../../core/ports/stores.js';
import { runSql } from './run-sql.js';

export class SqliteUserStore implements UserStore {
  constructor(private readonly db: Database.Database) {}

  /** A username taken by another user id, in any case, fails with ConflictError (unique index). */
  upsert(user: User): Promise<void> {
    return runSql(() => {
      this.db
        .prepare<[string, string, string | null, string]>(
          `INSERT INTO users (id, username, organization_id, doc) VALUES (?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET username = excluded.username, organization_id = excluded.organization_id, doc = excluded.doc`,
        )
        .run(user.id, user.username, user.organizationId, JSON.stringify(user));
    });
  }

  get(id: string): Promise<User | undefined> {
    return this.one('SELECT doc FROM users WHERE id = ?', id);
  }

  findByUsername(username: string): Promise<User | undefined> {
    return this.one('SELECT doc FROM users WHERE username = ? COLLATE NOCASE', username);
  }

  list(scope: Scope): Promise<User[]> {
    return runSql(() => {
      const rows =
        scope.kind === 'all'
          ? this.db.prepare<[], { doc: string }>('SELECT doc FROM users ORDER BY username').all()
          : this.db.prepare<[string], { doc: string }>('SELECT doc FROM users WHERE organization_id = ? ORDER BY username').all(scope.organizationId);
      return rows.map((row) => JSON.parse(row.doc) as User);
    });
  }

  private one(sql: string, value: string): Promise<User | undefined> {
    return runSql(() => {
      const row = this.db.prepare<[string], { doc: string }>(sql).get(value);
      return row === undefined ? undefined : (JSON.parse(row.doc) as User);
    });
  }
}
