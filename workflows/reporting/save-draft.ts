import type { Report, ReportDraft } from '../../core/domain/report.js';
import { NotFoundError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import type { ReportingDeps } from './reporting-deps.js';

/**
 * Autosave: the draft as the form holds it now replaces the previous draft. Submitted versions are
 * untouched; the next submission (a correction, if one exists) is made from this draft.
 */
export async function saveDraft(deps: ReportingDeps, actor: Principal, id: string, draft: ReportDraft): Promise<Report> {
  const report = await deps.store.reports.get(id, actor.scope);
  if (!report) throw new NotFoundError('report');
  const now = deps.clock.now().toISOString();
  const next: Report = { ...report, draft, draftSavedAt: now, updatedAt: now, revision: report.revision + 1 };
  await deps.store.reports.save(next, report.revision, actor.scope);
  await deps.store.audit.append({ actor: actor.username, action: 'report.save_draft', objectType: 'report', objectId: id, organizationId: report.organizationId }, now);
  return next;
}
