import type Database from 'better-sqlite3';
import type { Scope } from '../../../core/domain/scope.js';
import type { CommentStore, IncidentComment } from '../../../core/ports/triage-stores.js';
import { runSql } from './run-sql.js';

/** A comment is visible when any of the organisations copied onto it is the caller's. */
const IN_ORGANISATION = 'EXISTS (SELECT 1 FROM json_each(incident_comments.organization_ids) WHERE value = ?)';

export class SqliteCommentStore implements CommentStore {
  constructor(private readonly db: Database.Database) {}

  add(comment: IncidentComment): Promise<void> {
    return runSql(() => {
      this.db
        .prepare<[string, string, string, string, string]>('INSERT OR IGNORE INTO incident_comments (id, incident_id, organization_ids, created_at, doc) VALUES (?, ?, ?, ?, ?)')
        .run(comment.id, comment.incidentId, JSON.stringify(comment.organizationIds), comment.createdAt, JSON.stringify(comment));
    });
  }

  list(incidentId: string, scope: Scope): Promise<IncidentComment[]> {
    return runSql(() => {
      const scoped = scope.kind === 'all' ? '' : ` AND ${IN_ORGANISATION}`;
      const params = scope.kind === 'all' ? [incidentId] : [incidentId, scope.organizationId];
      return this.db
        .prepare<string[], { doc: string }>(`SELECT doc FROM incident_comments WHERE incident_id = ?${scoped} ORDER BY created_at, rowid`)
        .all(...params)
        .map((row) => JSON.parse(row.doc) as IncidentComment);
    });
  }
}
