import { suppressionProblems, type Suppression, type SuppressionDraft, type SuppressionProblem } from '../../core/domain/suppression.js';
import { LagebildError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { Principal } from '../auth/principal.js';
import { assertChangeable } from '../triage/assert-changeable.js';
import { auditChange } from '../triage/audit-change.js';
import type { SuppressionDeps } from './suppression-deps.js';

/**
 * An officer suppresses for their own organisation only, and not from an incident shared with others;
 * the CERT for any one or, with a null organisation, for all. Every problem of the draft is reported at once (422, one entry per problem).
 */
export async function createSuppression(deps: SuppressionDeps, actor: Principal, draft: SuppressionDraft): Promise<Suppression> {
  if (actor.scope.kind === 'organisation' && draft.organizationId !== actor.scope.organizationId) {
    throw new LagebildError('suppression_out_of_scope', 'you may suppress alerts of your own organisation only', { status: 403 });
  }
  const now = deps.clock.now();
  const problems: SuppressionProblem[] = suppressionProblems(draft, now);
  if (draft.organizationId !== null && !(await deps.store.organisations.get(draft.organizationId, actor.scope))) {
    problems.push({ code: 'suppression_unknown_organisation', path: 'organizationId', message: `no organisation ${draft.organizationId}` });
  }
  const source = draft.sourceIncidentId === undefined ? undefined : await deps.store.incidents.get(draft.sourceIncidentId, actor.scope);
  if (draft.sourceIncidentId !== undefined && !source) {
    problems.push({ code: 'suppression_unknown_incident', path: 'sourceIncidentId', message: `no incident ${draft.sourceIncidentId}` });
  }
  // Silencing what feeds an incident shared with other organisations is the CERT's call, like its triage.
  if (source) assertChangeable(actor.scope, source);
  if (problems.length > 0) throw new LagebildError('suppression_invalid', 'the suppression is not valid', { status: 422, details: problems });
  const suppression: Suppression = {
    id: newId(),
    organizationId: draft.organizationId,
    ...(draft.ruleId === undefined ? {} : { ruleId: draft.ruleId }),
    conditions: draft.conditions,
    reason: draft.reason.trim(),
    // One spelling of the time, so that stores can compare expiries as text.
    expiresAt: new Date(draft.expiresAt).toISOString(),
    author: actor.username,
    createdAt: now.toISOString(),
    ...(draft.sourceIncidentId === undefined ? {} : { sourceIncidentId: draft.sourceIncidentId }),
  };
  await deps.store.suppressions.create(suppression);
  await auditChange(deps, actor.username, { action: 'suppression.create', objectType: 'suppression', objectId: suppression.id, after: suppression, organizationId: suppression.organizationId });
  return suppression;
}
