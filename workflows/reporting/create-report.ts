import type { Report, ReportDraft, ReportPhase } from '../../core/domain/report.js';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { Principal } from '../auth/principal.js';
import { createObligation } from './create-obligation.js';
import { prefilledContacts } from './prefilled-contacts.js';
import type { ReportingDeps } from './reporting-deps.js';

export interface NewReport {
  phase: ReportPhase;
  obligationId?: string;
  /** Without an obligation: when the organisation became aware; an obligation is opened from it. */
  awarenessAt?: string;
  draft?: ReportDraft;
}

/**
 * An officer starts a report for their own organisation: for an obligation the CERT opened, or on
 * their own initiative (which opens the obligation, so the deadlines run from their awareness).
 * Intermediate reports may be filed more than once; the other phases have one report each, corrected by versions.
 * The draft starts with the time of awareness and the contacts from the registry.
 */
export async function createReport(deps: ReportingDeps, actor: Principal, input: NewReport): Promise<Report> {
  const obligation =
    input.obligationId !== undefined
      ? await deps.store.obligations.get(input.obligationId, actor.scope)
      : await createOwnObligation(deps, actor, input);
  if (!obligation) throw new NotFoundError('report obligation');
  if (input.phase !== 'intermediate') {
    const existing = await deps.store.reports.list({ obligationId: obligation.id, phase: [input.phase], limit: 1 }, actor.scope);
    if (existing.total > 0) throw new ConflictError(`this obligation has a ${input.phase} report already (${existing.items[0]?.id}); correct it instead`);
  }
  const now = deps.clock.now().toISOString();
  const report: Report = {
    id: newId(),
    organizationId: obligation.organizationId,
    obligationId: obligation.id,
    phase: input.phase,
    // What the officer brings (an earlier phase's content) wins over the registry.
    draft: { awarenessAt: obligation.awarenessAt, ...(await prefilledContacts(deps, actor, obligation)), ...input.draft },
    draftSavedAt: now,
    currentVersion: 0,
    createdAt: now,
    createdBy: actor.username,
    acknowledgedAt: null,
    acknowledgedBy: null,
    certTier: null,
    incidentIds: obligation.incidentId === null ? [] : [obligation.incidentId],
    feedback: [],
    updatedAt: now,
    revision: 1,
  };
  await deps.store.reports.create(report);
  await deps.store.audit.append({ actor: actor.username, action: 'report.create', objectType: 'report', objectId: report.id, after: { phase: report.phase, obligationId: obligation.id }, organizationId: report.organizationId }, now);
  return report;
}

async function createOwnObligation(deps: ReportingDeps, actor: Principal, input: NewReport) {
  if (actor.organizationId === null) throw new ValidationError('name the obligation the report answers', [{ path: 'obligationId', message: 'required for CERT staff' }]);
  if (input.awarenessAt === undefined) throw new ValidationError('the time of awareness is required', [{ path: 'awarenessAt', message: 'required without an obligation' }]);
  return (await createObligation(deps, actor, { organizationId: actor.organizationId, awarenessAt: input.awarenessAt })).obligation;
}
