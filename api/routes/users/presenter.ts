import type { User } from '../../../core/domain/user.js';

/** Lists every field that leaves the server, so that a field added to User is not published by accident. */
export function presentUser(user: User) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    role: user.role,
    organizationId: user.organizationId,
    disabled: user.disabled,
    mustChangePassword: user.mustChangePassword ?? false,
    createdAt: user.createdAt,
  };
}

export function presentCreatedUser(result: { user: User; oneTimePassword?: string }) {
  return { user: presentUser(result.user), ...(result.oneTimePassword === undefined ? {} : { oneTimePassword: result.oneTimePassword }) };
}
