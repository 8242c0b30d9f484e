import type { User } from '../../core/domain/user.js';
import { LagebildError, NotFoundError } from '../../core/errors.js';
import type { RefreshTokenStore } from '../../core/ports/triage-stores.js';
import { auditChange } from '../triage/audit-change.js';
import type { AuthContext } from './auth-settings.js';
import type { UserDeps } from './create-user.js';
import { hashPassword, verifyPassword } from './password-hash.js';
import { assertAcceptablePassword, oneTimePassword } from './password-policy.js';
import type { Principal } from './principal.js';
import { issueSession, type Session } from './session-tokens.js';

type Deps = UserDeps & { store: UserDeps['store'] & { refreshTokens: RefreshTokenStore } };

/** The user with a new password hash; the raised token version ends every access token issued before. */
async function withNewPassword(user: User, password: string, mustChangePassword: boolean, deps: Pick<UserDeps, 'passwordCost'>): Promise<User> {
  return { ...user, passwordHash: await hashPassword(password, deps.passwordCost), mustChangePassword, tokenVersion: (user.tokenVersion ?? 0) + 1 };
}

/** An administrator's reset: the new password is one-time, the user's sessions end. */
export async function resetPassword(deps: Deps, actor: Principal, id: string, password?: string): Promise<{ user: User; oneTimePassword?: string }> {
  const user = await deps.store.users.get(id);
  if (!user) throw new NotFoundError('user');
  if (password !== undefined) assertAcceptablePassword(password);
  const generated = password === undefined ? oneTimePassword() : undefined;
  const updated = await withNewPassword(user, password ?? generated!, true, deps);
  await deps.store.users.upsert(updated);
  await deps.store.refreshTokens.revokeAllForUser(id, deps.clock.now().toISOString());
  await auditChange(deps, actor.username, { action: 'user.reset_password', objectType: 'user', objectId: id, organizationId: user.organizationId });
  return generated === undefined ? { user: updated } : { user: updated, oneTimePassword: generated };
}

/**
 * The user's own change. The current password is checked under the login throttle (a stolen access
 * token must not become a way to guess it); every session of the user ends, this one continues with
 * new tokens.
 */
export async function changeOwnPassword(context: AuthContext, actor: Principal, input: { currentPassword: string; newPassword: string; address: string }): Promise<Session> {
  const user = await context.store.users.get(actor.userId);
  if (!user) throw new NotFoundError('user');
  assertAcceptablePassword(input.newPassword);
  const attempt = await context.throttle.begin(user.username, input.address);
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    context.logger.warn({ username: user.username, address: input.address }, 'password change with a wrong current password');
    throw new LagebildError('invalid_credentials', 'the current password is wrong', { status: 403 });
  }
  await context.throttle.succeeded(user.username, attempt);
  if (input.currentPassword === input.newPassword) throw new LagebildError('password_unchanged', 'the new password must differ from the current one', { status: 422 });
  const updated = await withNewPassword(user, input.newPassword, false, {});
  await context.store.users.upsert(updated);
  await context.store.refreshTokens.revokeAllForUser(user.id, context.clock.now().toISOString());
  await auditChange(context, actor.username, { action: 'user.change_password', objectType: 'user', objectId: user.id, organizationId: user.organizationId });
  return issueSession(context, updated);
}
