import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { LagebildError } from '../../core/errors.js';
import commonPasswords from './common-passwords.json' with { type: 'json' };

export const MIN_PASSWORD_LENGTH = 12;

/** The shape only; whether a password is acceptable is `assertAcceptablePassword`'s answer (422, not 400). */
export const passwordSchema = z.string().min(1).max(256).describe(`at least ${MIN_PASSWORD_LENGTH} characters, not a common password`);

/** Lowercased: "Password1234" is as guessable as "password1234". */
const COMMON = new Set(commonPasswords.map((password) => password.toLowerCase()));

/**
 * NIST SP 800-63B §5.1.1.2: at least 12 characters and not on a list of passwords known from breaches;
 * no composition rules. Length counts characters (code points), not UTF-16 units.
 */
export function assertAcceptablePassword(password: string): void {
  if ([...password.normalize('NFC')].length < MIN_PASSWORD_LENGTH) {
    throw new LagebildError('password_too_short', `a password needs at least ${MIN_PASSWORD_LENGTH} characters`, { status: 422, details: { minLength: MIN_PASSWORD_LENGTH } });
  }
  if (COMMON.has(password.toLowerCase())) {
    throw new LagebildError('password_too_common', 'this password is on a list of common passwords; choose another', { status: 422 });
  }
}

/** 144 random bits, readable enough to type once. */
export function oneTimePassword(): string {
  return randomBytes(18).toString('base64url');
}
