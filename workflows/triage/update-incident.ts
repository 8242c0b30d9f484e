import type { Incident } from '../../core/domain/incident.js';
import { canChange } from '../../core/domain/scope.js';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.js';
import type { IncidentPatch } from '../../core/ports/stores.js';
import type { Principal } from '../auth/principal.js';
import { principalScope } from '../auth/principal.js';
import { assertChangeable } from './assert-changeable.js';
import { auditChange, changedFields } from './audit-change.js';
import { assertTransition } from './incident-state-machine.js';
import { redactIncident } from './redact-incident.js';
import type { TriageDeps } from './triage-deps.js';

/**
 * Applies a triage change seen at `expectedVersion`. The version is compared before the state
 * machine so that a transition is judged against the state the caller actually saw; the store
 * compares it again atomically, so a concurrent writer still gets a conflict, never an overwrite.
 */
export async function updateIncident(deps: TriageDeps, actor: Principal, id: string, expectedVersion: number, patch: IncidentPatch): Promise<Incident> {
  const before = await deps.store.incidents.get(id, actor.scope);
  if (!before) throw new NotFoundError('incident');
  assertChangeable(actor.scope, before);
  if (before.version !== expectedVersion) throw new ConflictError(`incident ${id} was changed by someone else (now version ${before.version})`);
  if (patch.status !== undefined) assertTransition(before, patch.status);
  if (patch.assignee) await assertAssignable(deps, actor, patch.assignee, before);
  const after = await deps.store.incidents.update(id, expectedVersion, patch, actor.scope, deps.clock.now().toISOString());
  const { before: was, after: now } = changedFields(pick(before, patch), pick(after, patch));
  await auditChange(deps, actor.username, {
    action: patch.status !== undefined && patch.status !== before.status ? 'incident.transition' : 'incident.update',
    objectType: 'incident',
    objectId: id,
    before: was,
    after: now,
    organizationId: before.organizationIds[0] ?? null,
  });
  return redactIncident(after, actor.scope);
}

/**
 * The assignee must be able to work on the incident, that is change it, not only read it: a shared
 * incident goes to CERT staff only. An officer hands their incident only to a colleague of their own
 * organisation: asking the CERT for help is what a report with requested support is for, not a
 * silent entry in the CERT's queue, and another organisation's people are never theirs to name.
 */
async function assertAssignable(deps: TriageDeps, actor: Principal, userId: string, incident: Incident): Promise<void> {
  const user = await deps.store.users.get(userId);
  const fits =
    user &&
    !user.disabled &&
    user.role !== 'recipient' &&
    canChange(principalScope(user.role, user.organizationId), incident.organizationIds) &&
    (actor.scope.kind === 'all' || user.organizationId === actor.scope.organizationId);
  if (!fits) throw new ValidationError('the assignee cannot work on this incident', [{ path: 'assignee', message: 'unknown user, or not one who may change this incident' }]);
}

function pick(incident: Incident, patch: IncidentPatch): Partial<Incident> {
  const fields: Partial<Incident> = {};
  for (const key of Object.keys(patch) as (keyof IncidentPatch)[]) (fields as Record<string, unknown>)[key] = incident[key];
  return fields;
}
