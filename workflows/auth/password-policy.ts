import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/** Length over composition rules (NIST SP 800-63B §5.1.1.2): at least 12 characters, no other constraints. */
export const passwordSchema = z.string().min(12, 'a password needs at least 12 characters').max(256);

/** 144 random bits, readable enough to type once. */
export function oneTimePassword(): string {
  return randomBytes(18).toString('base64url');
}
