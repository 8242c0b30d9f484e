import type { Role, User } from '../../core/domain/user.js';
import { LagebildError, NotFoundError } from '../../core/errors.js';
import type { RefreshTokenStore } from '../../core/ports/triage-stores.js';
import { auditChange, changedFields } from '../triage/audit-change.js';
import { assertOrganisationFits, type UserDeps } from './create-user.js';
import type { Principal } from './principal.js';
import { visibleUser } from './visible-user.js';

export interface UserPatch {
  displayName?: string;
  email?: string;
  role?: Role;
  organizationId?: string | null;
  disabled?: boolean;
}

type Deps = UserDeps & { store: UserDeps['store'] & { refreshTokens: RefreshTokenStore } };

/**
 * A change of role, organisation or a disable ends the user's sessions at once: their refresh
 * tokens are revoked and their access tokens stop matching the stored user (see authenticate).
 */
export async function updateUser(deps: Deps, actor: Principal, id: string, patch: UserPatch): Promise<User> {
  const before = await deps.store.users.get(id);
  if (!before) throw new NotFoundError('user');
  if (id === actor.userId && (patch.disabled === true || (patch.role !== undefined && patch.role !== before.role))) {
    throw new LagebildError('self_lockout', 'you cannot disable yourself or change your own role', { status: 409 });
  }
  const after: User = { ...before, ...patch };
  await assertOrganisationFits(deps, after.role, after.organizationId);
  await deps.store.users.upsert(after);
  const now = deps.clock.now().toISOString();
  if (after.disabled || after.role !== before.role || after.organizationId !== before.organizationId) {
    await deps.store.refreshTokens.revokeAllForUser(id, now);
  }
  await auditChange(deps, actor.username, { action: 'user.update', objectType: 'user', objectId: id, ...changedFields(visibleUser(before), visibleUser(after)), organizationId: after.organizationId });
  return after;
}
