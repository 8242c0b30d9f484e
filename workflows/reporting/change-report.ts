import type { Report } from '../../core/domain/report.js';
import { NotFoundError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import type { ReportingDeps } from './reporting-deps.js';

/** Read, change, save at the revision read, audit: the shape every CERT action on a report shares. */
export async function changeReport(
  deps: ReportingDeps,
  actor: Principal,
  id: string,
  action: string,
  change: (report: Report, now: string) => { next: Partial<Report>; audit: unknown },
): Promise<Report> {
  const report = await deps.store.reports.get(id, actor.scope);
  if (!report) throw new NotFoundError('report');
  const now = deps.clock.now().toISOString();
  const { next, audit } = change(report, now);
  const saved: Report = { ...report, ...next, updatedAt: now, revision: report.revision + 1 };
  await deps.store.reports.save(saved, report.revision, actor.scope);
  await deps.store.audit.append({ actor: actor.username, action, objectType: 'report', objectId: id, after: audit, organizationId: report.organizationId }, now);
  return saved;
}
