import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { ROLES } from '../../core/domain/user.js';
import { LagebildError } from '../../core/errors.js';
import type { User } from '../../core/domain/user.js';

export const TOKEN_ISSUER = 'lagebild';
export const TOKEN_AUDIENCE = 'lagebild-api';
/** Pinned: a token naming any other algorithm (none, RS256, HS512 …) is rejected before its signature is looked at. */
const ALGORITHM = 'HS256';

export interface AccessTokenSettings {
  secret: string;
  ttlSeconds: number;
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  name: z.string().min(1),
  role: z.enum(ROLES),
  org: z.string().min(1).nullable(),
  jti: z.string().min(1),
  /** Set while the account still has a one-time password: only the password change is allowed. */
  pwc: z.boolean().optional(),
  /** The user's token version at issue; a password change or reset raises it (see authenticate). */
  ver: z.number().int().nonnegative().optional(),
  /** Required: jsonwebtoken checks `exp` only when present, and a token without it would never expire. */
  exp: z.number().int(),
});
export type AccessClaims = z.infer<typeof claimsSchema>;

export function issueAccessToken(user: User, settings: AccessTokenSettings, now: Date): { token: string; expiresAt: Date } {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + settings.ttlSeconds;
  const claims: AccessClaims & { iat: number } = {
    sub: user.id,
    name: user.username,
    role: user.role,
    org: user.organizationId,
    jti: randomUUID(),
    ver: user.tokenVersion ?? 0,
    iat,
    exp,
    ...(user.mustChangePassword ? { pwc: true } : {}),
  };
  const token = jwt.sign(claims, settings.secret, { algorithm: ALGORITHM, issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE });
  return { token, expiresAt: new Date(exp * 1000) };
}

export function verifyAccessToken(token: string, secret: string, now: Date): AccessClaims {
  let decoded: unknown;
  try {
    decoded = jwt.verify(token, secret, {
      algorithms: [ALGORITHM],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      clockTimestamp: Math.floor(now.getTime() / 1000),
    });
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) throw new LagebildError('token_expired', 'the access token has expired', { status: 401 });
    throw new LagebildError('invalid_token', 'the access token is not valid', { status: 401 });
  }
  const claims = claimsSchema.safeParse(decoded);
  if (!claims.success) throw new LagebildError('invalid_token', 'the access token is not valid', { status: 401 });
  return claims.data;
}
