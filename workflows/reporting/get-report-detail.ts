import type { Report, ReportObligation, ReportVersion } from '../../core/domain/report.js';
import { NotFoundError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { dataProtectionNotice, type DataProtectionNotice } from './data-protection-notice.js';
import type { ReportingDeps } from './reporting-deps.js';

export interface ReportDetail {
  report: Report;
  versions: ReportVersion[];
  obligation: ReportObligation | undefined;
  /** From the latest version: the Art. 33 duty, if personal data is affected. */
  dataProtection: DataProtectionNotice | undefined;
}

export async function getReportDetail(deps: Pick<ReportingDeps, 'store' | 'clock'>, actor: Principal, id: string): Promise<ReportDetail> {
  const report = await deps.store.reports.get(id, actor.scope);
  if (!report) throw new NotFoundError('report');
  const versions = await deps.store.reports.versions(id, actor.scope);
  const obligation = await deps.store.obligations.get(report.obligationId, actor.scope);
  const latest = versions[versions.length - 1];
  return { report, versions, obligation, dataProtection: latest === undefined ? undefined : dataProtectionNotice(latest.content, deps.clock.now()) };
}
