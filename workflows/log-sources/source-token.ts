import { createHash, randomBytes } from 'node:crypto';

/** Tells an ingest token apart from other secrets at a glance (and to secret scanners). */
const PREFIX = 'lbs_';

/** 32 random bytes: guessing one is out of reach, so a plain sha256 (no slow hash) is enough to store it. */
export function newSourceToken(): { token: string; tokenHash: string } {
  const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, tokenHash: hashSourceToken(token) };
}

export function hashSourceToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
