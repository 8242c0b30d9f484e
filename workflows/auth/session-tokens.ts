import { createHash, randomBytes } from 'node:crypto';
import type { User } from '../../core/domain/user.js';
import { newId } from '../../core/ids.js';
import { issueAccessToken } from './access-token.js';
import type { AuthContext } from './auth-settings.js';

export interface Session {
  user: User;
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Issues an access token and a new refresh token in `familyId` (a new family for a fresh login). */
export async function issueSession(context: AuthContext, user: User, familyId: string = newId()): Promise<Session> {
  const now = context.clock.now();
  const access = issueAccessToken(user, context.tokens, now);
  const refreshToken = randomBytes(32).toString('base64url');
  const refreshTokenExpiresAt = new Date(now.getTime() + context.refreshTtlSeconds * 1000);
  await context.store.refreshTokens.insert({
    id: newId(),
    familyId,
    userId: user.id,
    tokenHash: hashRefreshToken(refreshToken),
    createdAt: now.toISOString(),
    expiresAt: refreshTokenExpiresAt.toISOString(),
    rotatedAt: null,
    revokedAt: null,
  });
  return { user, accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, refreshTokenExpiresAt };
}
