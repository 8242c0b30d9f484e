import type Database from 'better-sqlite3';
import type { ReportObligation } from '../../../core/domain/report.js';
import type { Scope } from '../../../core/domain/scope.js';
import { ConflictError, NotFoundError } from '../../../core/errors.js';
import type { ObligationQuery, ObligationStore } from '../../../core/ports/reporting-stores.js';
import type { Page } from '../../../core/ports/stores.js';
import { pageByCreation } from './page-by-creation.js';
import { scopedDocById } from './scoped-doc-by-id.js';
import { scopedToOrganisation } from './scoped-to-organisation.js';
import { runSql } from './run-sql.js';

type SqlValue = string | number;

export class SqliteObligationStore implements ObligationStore {
  constructor(private readonly db: Database.Database) {}

  create(obligation: ReportObligation): Promise<void> {
    return runSql(() => {
      this.db
        .prepare<(SqlValue | null)[]>('INSERT INTO report_obligations (id, organization_id, incident_id, open, created_at, revision, doc) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(obligation.id, obligation.organizationId, obligation.incidentId, isOpen(obligation), obligation.createdAt, obligation.revision, JSON.stringify(obligation));
    });
  }

  get(id: string, scope: Scope): Promise<ReportObligation | undefined> {
    return runSql(() => scopedDocById<ReportObligation>(this.db, 'report_obligations', id, scope));
  }

  list(query: ObligationQuery, scope: Scope): Promise<Page<ReportObligation>> {
    return runSql(() => {
      const where: string[] = [];
      const params: SqlValue[] = [];
      if (query.organizationId !== undefined) {
        where.push('organization_id = ?');
        params.push(query.organizationId);
      }
      if (query.incidentId !== undefined) {
        where.push('incident_id = ?');
        params.push(query.incidentId);
      }
      if (query.open !== undefined) {
        where.push('open = ?');
        params.push(query.open ? 1 : 0);
      }
      const filter = scopedToOrganisation(where, params, scope);
      return pageByCreation<ReportObligation>(this.db, 'report_obligations', filter.where, filter.params, query, 'ASC');
    });
  }

  save(obligation: ReportObligation, expectedRevision: number, scope: Scope): Promise<void> {
    return runSql(() => {
      const { where, params } = scopedToOrganisation(['id = ?'], [obligation.id], scope);
      const current = this.db.prepare<SqlValue[], { revision: number }>(`SELECT revision FROM report_obligations WHERE ${where.join(' AND ')}`).get(...params);
      if (current === undefined) throw new NotFoundError('report obligation');
      const result = this.db
        .prepare<SqlValue[]>('UPDATE report_obligations SET open = ?, revision = ?, doc = ? WHERE id = ? AND revision = ?')
        .run(isOpen(obligation), obligation.revision, JSON.stringify(obligation), obligation.id, expectedRevision);
      if (result.changes === 0) throw new ConflictError(`report obligation ${obligation.id} was changed by someone else (now revision ${current.revision})`);
    });
  }
}

function isOpen(obligation: ReportObligation): number {
  return obligation.deadlines.some((deadline) => deadline.submittedAt === null) ? 1 : 0;
}
