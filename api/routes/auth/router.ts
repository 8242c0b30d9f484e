import { LagebildError, NotFoundError } from '../../../core/errors.js';
import { login } from '../../../workflows/auth/login.js';
import { logout, refreshSession } from '../../../workflows/auth/refresh-session.js';
import { changeOwnPassword } from '../../../workflows/auth/set-password.js';
import { defineRoute, type RouteDefinition } from '../../route-definition.js';
import type { RouteContext } from '../../route-context.js';
import { presentUser } from '../users/presenter.js';
import { userSchema } from '../users/schema.js';
import { presentSession } from './presenter.js';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from './refresh-cookie.js';
import { changePasswordBody, loginBody, sessionSchema } from './schema.js';

export function authRoutes(context: RouteContext): RouteDefinition[] {
  const { auth } = context;
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/login',
      summary: 'Log in; returns an access token and sets the refresh cookie',
      tag: 'auth',
      access: 'public',
      body: loginBody,
      responses: { 200: { description: 'logged in', schema: sessionSchema }, 401: { description: 'wrong username or password' }, 429: { description: 'locked after too many failures' } },
      handle: async ({ body, req, res }) => {
        const session = await login(auth, { ...body, address: req.ip ?? 'unknown' });
        setRefreshCookie(req, res, session.refreshToken, session.refreshTokenExpiresAt, context.config.publicUrl);
        res.json(presentSession(session));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/refresh',
      summary: 'Exchange the refresh cookie for a new access token and a new refresh cookie',
      tag: 'auth',
      access: 'public',
      responses: { 200: { description: 'refreshed', schema: sessionSchema }, 400: { description: 'the cookie is not validly encoded' }, 401: { description: 'no valid session' } },
      handle: async ({ req, res }) => {
        try {
          const token = readRefreshCookie(req);
          if (!token) throw new LagebildError('invalid_refresh_token', 'no session cookie', { status: 401 });
          const session = await refreshSession(auth, token);
          setRefreshCookie(req, res, session.refreshToken, session.refreshTokenExpiresAt, context.config.publicUrl);
          res.json(presentSession(session));
        } catch (error) {
          clearRefreshCookie(res);
          throw error;
        }
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/logout',
      summary: 'End the session of the refresh cookie',
      tag: 'auth',
      access: 'public',
      responses: { 204: { description: 'logged out' }, 400: { description: 'the cookie is not validly encoded (it is cleared all the same)' } },
      handle: async ({ req, res }) => {
        clearRefreshCookie(res);
        await logout(auth, readRefreshCookie(req));
        res.status(204).end();
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/auth/me',
      summary: 'The logged-in user',
      tag: 'auth',
      access: 'authenticated',
      allowPendingPasswordChange: true,
      responses: { 200: { description: 'the user', schema: userSchema } },
      handle: async ({ principal, res }) => {
        const user = await context.store.users.get(principal.userId);
        if (!user) throw new NotFoundError('user');
        res.json(presentUser(user));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/password',
      summary: 'Change your own password; other sessions end',
      tag: 'auth',
      access: 'authenticated',
      allowPendingPasswordChange: true,
      body: changePasswordBody,
      responses: {
        200: { description: 'changed; a new session', schema: sessionSchema },
        403: { description: 'the current password is wrong' },
        422: { description: 'the new password is too short, common or unchanged' },
        429: { description: 'locked after too many wrong current passwords' },
      },
      handle: async ({ principal, body, req, res }) => {
        const session = await changeOwnPassword(auth, principal, { ...body, address: req.ip ?? 'unknown' });
        setRefreshCookie(req, res, session.refreshToken, session.refreshTokenExpiresAt, context.config.publicUrl);
        res.json(presentSession(session));
      },
    }),
  ];
}
