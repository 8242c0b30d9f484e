import { LagebildError } from '../../core/errors.js';
import type { AuthContext } from './auth-settings.js';
import { hashRefreshToken, issueSession, type Session } from './session-tokens.js';

const invalid = () => new LagebildError('invalid_refresh_token', 'the session has ended; log in again', { status: 401 });

/**
 * Exchanges a refresh token for a new one in the same family. A token that was already exchanged
 * can only be presented again by someone who copied it, so its whole family is revoked: the thief
 * and the victim both have to log in again, and the thief cannot.
 */
export async function refreshSession(context: AuthContext, refreshToken: string): Promise<Session> {
  const now = context.clock.now();
  const record = await context.store.refreshTokens.findByHash(hashRefreshToken(refreshToken));
  if (!record || record.revokedAt !== null) throw invalid();
  if (record.rotatedAt !== null || !(await context.store.refreshTokens.markRotated(record.id, now.toISOString()))) {
    await context.store.refreshTokens.revokeFamily(record.familyId, now.toISOString());
    context.logger.warn({ userId: record.userId, familyId: record.familyId }, 'refresh token reused; session family revoked');
    throw new LagebildError('refresh_token_reused', 'the session was revoked because a refresh token was used twice', { status: 401 });
  }
  if (Date.parse(record.expiresAt) <= now.getTime()) throw invalid();
  const user = await context.store.users.get(record.userId);
  if (!user || user.disabled) {
    await context.store.refreshTokens.revokeFamily(record.familyId, now.toISOString());
    throw invalid();
  }
  return issueSession(context, user, record.familyId);
}

/** Ends the session the refresh token belongs to; unknown tokens are ignored so logout always succeeds. */
export async function logout(context: AuthContext, refreshToken: string | undefined): Promise<void> {
  if (!refreshToken) return;
  const record = await context.store.refreshTokens.findByHash(hashRefreshToken(refreshToken));
  if (record) await context.store.refreshTokens.revokeFamily(record.familyId, context.clock.now().toISOString());
}
