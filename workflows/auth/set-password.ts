import type { User } from '../../core/domain/user.js';
import { LagebildError, NotFoundError } from '../../core/errors.js';
import type { RefreshTokenStore } from '../../core/ports/triage-stores.js';
import { auditChange } from '../triage/audit-change.js';
import type { AuthContext } from './auth-settings.js';
import type { UserDeps } from './create-user.js';
import { hashPassword, verifyPassword } from './password-hash.js';
import { oneTimePassword } from './password-policy.js';
import type { Principal } from './principal.js';
import { issueSession, type Session } from './session-tokens.js';

type Deps = UserDeps & { store: UserDeps['store'] & { refreshTokens: RefreshTokenStore } };

/** An administrator's reset: the new password is one-time, the user's sessions end. */
export async function resetPassword(deps: Deps, actor: Principal, id: string, password?: string): Promise<{ user: User; oneTimePassword?: string }> {
  const user = await deps.store.users.get(id);
  if (!user) throw new NotFoundError('user');
  const generated = password === undefined ? oneTimePassword() : undefined;
  const updated: User = { ...user, passwordHash: await hashPassword(password ?? generated!, deps.passwordCost), mustChangePassword: true };
  await deps.store.users.upsert(updated);
  await deps.store.refreshTokens.revokeAllForUser(id, deps.clock.now().toISOString());
  await auditChange(deps, actor.username, { action: 'user.reset_password', objectType: 'user', objectId: id, organizationId: user.organizationId });
  return generated === undefined ? { user: updated } : { user: updated, oneTimePassword: generated };
}

/** The user's own change; every other session of the user ends, this one continues with new tokens. */
export async function changeOwnPassword(context: AuthContext, actor: Principal, currentPassword: string, newPassword: string): Promise<Session> {
  const user = await context.store.users.get(actor.userId);
  if (!user) throw new NotFoundError('user');
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    throw new LagebildError('invalid_credentials', 'the current password is wrong', { status: 403 });
  }
  if (currentPassword === newPassword) throw new LagebildError('password_unchanged', 'the new password must differ from the current one', { status: 422 });
  const updated: User = { ...user, passwordHash: await hashPassword(newPassword), mustChangePassword: false };
  await context.store.users.upsert(updated);
  await context.store.refreshTokens.revokeAllForUser(user.id, context.clock.now().toISOString());
  await auditChange(context, actor.username, { action: 'user.change_password', objectType: 'user', objectId: user.id, organizationId: user.organizationId });
  return issueSession(context, updated);
}
