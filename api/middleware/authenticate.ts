import type { RequestHandler, Response } from 'express';
import { LagebildError } from '../../core/errors.js';
import type { Store } from '../../core/ports/stores.js';
import { verifyAccessToken } from '../../workflows/auth/access-token.js';
import { hasPermission, type Permission } from '../../workflows/auth/permissions.js';
import { principalScope, type Principal } from '../../workflows/auth/principal.js';
import type { Clock } from '../../core/clock.js';

const unauthenticated = () => new LagebildError('unauthenticated', 'a valid bearer token is required', { status: 401 });

/**
 * Verifies the bearer token and checks it against the stored user on every request, so that a
 * disabled user, a changed role or organisation, or a changed password takes effect at once, not
 * when the token expires.
 */
export function authenticate(deps: { store: Pick<Store, 'users'>; clock: Clock; jwtSecret: string }, allowPendingPasswordChange: boolean): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization');
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw unauthenticated();
    const claims = verifyAccessToken(match[1]!, deps.jwtSecret, deps.clock.now());
    const user = await deps.store.users.get(claims.sub);
    const staleVersion = (claims.ver ?? 0) !== (user?.tokenVersion ?? 0);
    if (!user || user.disabled || user.role !== claims.role || user.organizationId !== claims.org || staleVersion) {
      throw new LagebildError('invalid_token', 'the access token no longer matches the account; log in again', { status: 401 });
    }
    if (user.mustChangePassword && !allowPendingPasswordChange) {
      throw new LagebildError('password_change_required', 'change the one-time password first', { status: 403 });
    }
    const principal: Principal = { userId: user.id, username: user.username, role: user.role, organizationId: user.organizationId, scope: principalScope(user.role, user.organizationId) };
    res.locals.principal = principal;
    next();
  };
}

export function requirePermission(permission: Permission): RequestHandler {
  return (_req, res, next) => {
    if (!hasPermission(principalOf(res).role, permission)) throw new LagebildError('forbidden', `this needs the ${permission} permission`, { status: 403 });
    next();
  };
}

export function principalOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal) throw new Error('principalOf called on a route without authenticate');
  return principal;
}
