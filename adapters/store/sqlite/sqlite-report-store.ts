import type Database from 'better-sqlite3';
import type { Report, ReportVersion } from '../../../core/domain/report.js';
import type { Scope } from '../../../core/domain/scope.js';
import { ConflictError, NotFoundError } from '../../../core/errors.js';
import type { ReportQuery, ReportStore } from '../../../core/ports/reporting-stores.js';
import type { Page } from '../../../core/ports/stores.js';
import { pageByCreation } from './page-by-creation.js';
import { scopedDocById } from './scoped-doc-by-id.js';
import { scopedToOrganisation } from './scoped-to-organisation.js';
import { runSql } from './run-sql.js';

type SqlValue = string | number;

export class SqliteReportStore implements ReportStore {
  constructor(private readonly db: Database.Database) {}

  create(report: Report): Promise<void> {
    return runSql(() => {
      this.db
        .prepare<SqlValue[]>(
          `INSERT INTO reports (id, organization_id, obligation_id, phase, current_version, acknowledged, created_at, revision, doc)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(...columns(report));
    });
  }

  get(id: string, scope: Scope): Promise<Report | undefined> {
    return runSql(() => scopedDocById<Report>(this.db, 'reports', id, scope));
  }

  list(query: ReportQuery, scope: Scope): Promise<Page<Report>> {
    return runSql(() => {
      const where: string[] = [];
      const params: SqlValue[] = [];
      if (query.organizationId !== undefined) {
        where.push('organization_id = ?');
        params.push(query.organizationId);
      }
      if (query.obligationId !== undefined) {
        where.push('obligation_id = ?');
        params.push(query.obligationId);
      }
      if (query.phase !== undefined && query.phase.length > 0) {
        where.push('phase IN (SELECT value FROM json_each(?))');
        params.push(JSON.stringify(query.phase));
      }
      if (query.submitted !== undefined) where.push(query.submitted ? 'current_version > 0' : 'current_version = 0');
      if (query.acknowledged !== undefined) {
        where.push('acknowledged = ?');
        params.push(query.acknowledged ? 1 : 0);
      }
      const filter = scopedToOrganisation(where, params, scope);
      return pageByCreation<Report>(this.db, 'reports', filter.where, filter.params, query);
    });
  }

  save(report: Report, expectedRevision: number, scope: Scope): Promise<void> {
    return runSql(() => {
      const { where, params } = scopedToOrganisation(['id = ?'], [report.id], scope);
      const current = this.db.prepare<SqlValue[], { revision: number }>(`SELECT revision FROM reports WHERE ${where.join(' AND ')}`).get(...params);
      if (current === undefined) throw new NotFoundError('report');
      const [, , , , currentVersion, acknowledged, , revision, doc] = columns(report);
      const result = this.db
        .prepare<SqlValue[]>('UPDATE reports SET current_version = ?, acknowledged = ?, revision = ?, doc = ? WHERE id = ? AND revision = ?')
        .run(currentVersion!, acknowledged!, revision!, doc!, report.id, expectedRevision);
      if (result.changes === 0) throw new ConflictError(`report ${report.id} was changed by someone else (now revision ${current.revision})`);
    });
  }

  appendVersion(version: ReportVersion): Promise<void> {
    return runSql(() => {
      this.db
        .prepare<SqlValue[]>('INSERT INTO report_versions (report_id, version, organization_id, doc) VALUES (?, ?, ?, ?)')
        .run(version.reportId, version.version, version.organizationId, JSON.stringify(version));
    });
  }

  versions(reportId: string, scope: Scope): Promise<ReportVersion[]> {
    return runSql(() => {
      const { where, params } = scopedToOrganisation(['report_id = ?'], [reportId], scope);
      return this.db
        .prepare<SqlValue[], { doc: string }>(`SELECT doc FROM report_versions WHERE ${where.join(' AND ')} ORDER BY version`)
        .all(...params)
        .map((row) => JSON.parse(row.doc) as ReportVersion);
    });
  }
}

function columns(report: Report): SqlValue[] {
  return [
    report.id,
    report.organizationId,
    report.obligationId,
    report.phase,
    report.currentVersion,
    report.acknowledgedAt === null ? 0 : 1,
    report.createdAt,
    report.revision,
    JSON.stringify(report),
  ];
}
