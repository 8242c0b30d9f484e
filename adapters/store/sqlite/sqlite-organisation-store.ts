import type Database from 'better-sqlite3';
import type { Organisation } from '../../../core/domain/organisation.js';
import type { Scope } from '../../../core/domain/scope.js';
import type { OrganisationStore } from '../../../core/ports/stores.js';
import { runSql } from './run-sql.js';

export class SqliteOrganisationStore implements OrganisationStore {
  constructor(private readonly db: Database.Database) {}

  upsert(organisation: Organisation): Promise<void> {
    return runSql(() => {
      this.db
        .prepare<[string, string, string | null, string]>(
          `INSERT INTO organisations (id, name, parent_id, doc) VALUES (?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id, doc = excluded.doc`,
        )
        .run(organisation.id, organisation.name, organisation.parentId, JSON.stringify(organisation));
    });
  }

  async get(id: string, scope: Scope): Promise<Organisation | undefined> {
    if (scope.kind === 'organisation' && scope.organizationId !== id) return undefined;
    return runSql(() => {
      const row = this.db.prepare<[string], { doc: string }>('SELECT doc FROM organisations WHERE id = ?').get(id);
      return row === undefined ? undefined : (JSON.parse(row.doc) as Organisation);
    });
  }

  /** An officer's scope lists only their own organisation. */
  list(scope: Scope): Promise<Organisation[]> {
    return runSql(() => {
      const rows =
        scope.kind === 'all'
          ? this.db.prepare<[], { doc: string }>('SELECT doc FROM organisations ORDER BY name, id').all()
          : this.db.prepare<[string], { doc: string }>('SELECT doc FROM organisations WHERE id = ?').all(scope.organizationId);
      return rows.map((row) => JSON.parse(row.doc) as Organisation);
    });
  }
}
