import type { AuditEntry } from '../../core/domain/audit.js';
import type { Principal } from '../auth/principal.js';
import { getReportDetail, type ReportDetail } from './get-report-detail.js';
import type { ReportingDeps } from './reporting-deps.js';

export interface ReportExport extends ReportDetail {
  exportedAt: string;
  exportedBy: string;
  /** Who did what to the report, oldest first: creation, drafts, submissions, CERT handling. */
  history: Pick<AuditEntry, 'seq' | 'at' | 'actor' | 'action' | 'after'>[];
}

/** The report with every version and its history, as one document (JSON export, print view). */
export async function exportReport(deps: Pick<ReportingDeps, 'store' | 'clock'>, actor: Principal, id: string): Promise<ReportExport> {
  const detail = await getReportDetail(deps, actor, id);
  const audit = await deps.store.audit.list({ objectId: id, limit: 1000 });
  return {
    ...detail,
    exportedAt: deps.clock.now().toISOString(),
    exportedBy: actor.username,
    history: audit.map(({ seq, at, actor: who, action, after }) => ({ seq, at, actor: who, action, after })),
  };
}
