import type { Session } from '../../../workflows/auth/session-tokens.js';
import { presentUser } from '../users/presenter.js';

/** The refresh token is never in the body: it travels only in its httpOnly cookie. */
export function presentSession(session: Session) {
  return { accessToken: session.accessToken, tokenType: 'Bearer' as const, expiresAt: session.accessTokenExpiresAt.toISOString(), user: presentUser(session.user) };
}
