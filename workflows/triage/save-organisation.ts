import type { Organisation } from '../../core/domain/organisation.js';
import { ALL } from '../../core/domain/scope.js';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { auditChange, changedFields } from './audit-change.js';
import type { TriageDeps } from './triage-deps.js';

/** Registry changes are the CERT's (admin only, checked by the route); the parent must exist and not be the body itself. */
export async function createOrganisation(deps: TriageDeps, actor: Principal, organisation: Organisation): Promise<Organisation> {
  if (await deps.store.organisations.get(organisation.id, ALL)) throw new ConflictError(`organisation ${organisation.id} exists`);
  await assertParent(deps, organisation);
  await deps.store.organisations.upsert(organisation);
  await auditChange(deps, actor.username, { action: 'organisation.create', objectType: 'organisation', objectId: organisation.id, after: organisation, organizationId: organisation.id });
  return organisation;
}

export async function updateOrganisation(deps: TriageDeps, actor: Principal, id: string, patch: Partial<Omit<Organisation, 'id'>>): Promise<Organisation> {
  const before = await deps.store.organisations.get(id, ALL);
  if (!before) throw new NotFoundError('organisation');
  const after: Organisation = { ...before, ...patch, id };
  await assertParent(deps, after);
  await deps.store.organisations.upsert(after);
  await auditChange(deps, actor.username, { action: 'organisation.update', objectType: 'organisation', objectId: id, ...changedFields(before, after), organizationId: id });
  return after;
}

async function assertParent(deps: TriageDeps, organisation: Organisation): Promise<void> {
  if (organisation.parentId === null) return;
  const problem = organisation.parentId === organisation.id ? 'an organisation cannot be its own parent' : (await deps.store.organisations.get(organisation.parentId, ALL)) ? undefined : `no organisation ${organisation.parentId}`;
  if (problem) throw new ValidationError('invalid parent', [{ path: 'parentId', message: problem }]);
}
