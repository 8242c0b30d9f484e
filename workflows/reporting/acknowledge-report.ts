import type { Report } from '../../core/domain/report.js';
import { ValidationError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { changeReport } from './change-report.js';
import type { ReportingDeps } from './reporting-deps.js';

/** The CERT confirms receipt. Acknowledging twice keeps the first acknowledgement. */
export function acknowledgeReport(deps: ReportingDeps, actor: Principal, id: string): Promise<Report> {
  return changeReport(deps, actor, id, 'report.acknowledge', (report, now) => {
    if (report.currentVersion === 0) throw new ValidationError('a draft cannot be acknowledged', [{ path: 'id', message: 'not submitted yet' }]);
    if (report.acknowledgedAt !== null) return { next: {}, audit: { alreadyAcknowledgedAt: report.acknowledgedAt } };
    return { next: { acknowledgedAt: now, acknowledgedBy: actor.username }, audit: { acknowledgedAt: now } };
  });
}
