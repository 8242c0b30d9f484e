import type { Report, ReportTier } from '../../core/domain/report.js';
import type { Principal } from '../auth/principal.js';
import { changeReport } from './change-report.js';
import type { ReportingDeps } from './reporting-deps.js';

/** The CERT's own tier for the report; the organisation's reported tier stays in its versions. */
export function classifyReport(deps: ReportingDeps, actor: Principal, id: string, tier: ReportTier): Promise<Report> {
  return changeReport(deps, actor, id, 'report.classify', (report) => ({ next: { certTier: tier }, audit: { before: report.certTier, tier } }));
}
