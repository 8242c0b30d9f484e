import type { ReportObligation } from '../../core/domain/report.js';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.js';
import { deterministicId, newId } from '../../core/ids.js';
import type { Principal } from '../auth/principal.js';
import { initialDeadlines } from './deadlines.js';
import { notifyOnce } from './notify-once.js';
import { obligationCreatedKey, obligationCreatedMessage } from './obligation-created-message.js';
import type { ReportingDeps } from './reporting-deps.js';

export interface NewObligation {
  organizationId?: string;
  incidentId?: string;
  awarenessAt: string;
}

export interface ObligationRequest {
  obligation: ReportObligation;
  /** False when the incident had an obligation for the organisation already: that one is returned. */
  created: boolean;
}

/**
 * An incident obliges an organisation once: the id is derived from both, so a second request, even
 * one racing the first on another API process, finds the first instead of opening a duplicate.
 */
export function incidentObligationId(incidentId: string, organizationId: string): string {
  return deterministicId('report-obligation', incidentId, organizationId);
}

/**
 * The CERT asks an organisation for a report. From an incident, the organisation may be left out
 * when the incident touches only one; the ISB gets a mail with the deadlines.
 */
export async function createObligation(deps: ReportingDeps, actor: Principal, input: NewObligation): Promise<ObligationRequest> {
  let organizationId = input.organizationId;
  if (input.incidentId !== undefined) {
    const incident = await deps.store.incidents.get(input.incidentId, actor.scope);
    if (!incident) throw new NotFoundError('incident');
    if (organizationId === undefined) {
      if (incident.organizationIds.length !== 1) throw new ValidationError('the incident touches several organisations; name one', [{ path: 'organizationId', message: 'required' }]);
      organizationId = incident.organizationIds[0];
    } else if (!incident.organizationIds.includes(organizationId)) {
      throw new ValidationError('the organisation is not affected by the incident', [{ path: 'organizationId', message: 'not an organisation of the incident' }]);
    }
  }
  if (organizationId === undefined) throw new ValidationError('an organisation is required', [{ path: 'organizationId', message: 'required' }]);
  const organisation = await deps.store.organisations.get(organizationId, actor.scope);
  if (!organisation) throw new NotFoundError('organisation');
  if (Date.parse(input.awarenessAt) > deps.clock.now().getTime()) throw new ValidationError('the time of awareness lies in the future', [{ path: 'awarenessAt', message: 'in the future' }]);

  const id = input.incidentId === undefined ? newId() : incidentObligationId(input.incidentId, organizationId);
  const existing = input.incidentId === undefined ? undefined : await deps.store.obligations.get(id, actor.scope);
  if (existing) return { obligation: existing, created: false };

  const now = deps.clock.now().toISOString();
  const obligation: ReportObligation = {
    id,
    organizationId,
    incidentId: input.incidentId ?? null,
    regime: organisation.reportingRegime,
    awarenessAt: new Date(input.awarenessAt).toISOString(),
    deadlines: initialDeadlines(organisation.reportingRegime, input.awarenessAt, deps.settings),
    createdAt: now,
    createdBy: actor.username,
    requestedByCert: actor.scope.kind === 'all',
    updatedAt: now,
    revision: 1,
  };
  try {
    await deps.store.obligations.create(obligation);
  } catch (error) {
    const winner = error instanceof ConflictError ? await deps.store.obligations.get(id, actor.scope) : undefined;
    if (winner) return { obligation: winner, created: false };
    throw error;
  }
  await deps.store.audit.append(
    { actor: actor.username, action: 'report_obligation.create', objectType: 'report_obligation', objectId: obligation.id, after: { incidentId: obligation.incidentId, awarenessAt: obligation.awarenessAt, deadlines: obligation.deadlines }, organizationId },
    now,
  );
  // Officers who open an obligation themselves are the ISB already; only the CERT's request is news to them.
  if (obligation.requestedByCert) await notifyOnce(deps, obligationCreatedKey(obligation), await obligationCreatedMessage(deps, obligation));
  return { obligation, created: true };
}
