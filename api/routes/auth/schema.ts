import { z } from 'zod';
import { passwordSchema } from '../../../workflows/auth/password-policy.js';
import { userSchema } from '../users/schema.js';

export const loginBody = z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });
export const changePasswordBody = z.strictObject({ currentPassword: z.string().min(1).max(256), newPassword: passwordSchema });

export const sessionSchema = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresAt: z.string(),
  user: userSchema,
});
