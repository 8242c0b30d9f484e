import type { Report } from '../../core/domain/report.js';
import { NotFoundError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { changeReport } from './change-report.js';
import type { ReportingDeps } from './reporting-deps.js';

export async function linkReportIncident(deps: ReportingDeps, actor: Principal, id: string, incidentId: string): Promise<Report> {
  if (!(await deps.store.incidents.get(incidentId, actor.scope))) throw new NotFoundError('incident');
  return changeReport(deps, actor, id, 'report.link_incident', (report) => ({
    next: { incidentIds: report.incidentIds.includes(incidentId) ? report.incidentIds : [...report.incidentIds, incidentId] },
    audit: { incidentId },
  }));
}
