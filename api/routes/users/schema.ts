import { z } from 'zod';
import { ROLES } from '../../../core/domain/user.js';
import { passwordSchema } from '../../../workflows/auth/password-policy.js';

/** A user as the API shows it: never with the password hash. */
export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  organizationId: z.string().nullable(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
});

const username = z.string().regex(/^[A-Za-z0-9._-]{2,64}$/, 'letters, digits, dot, dash and underscore; 2–64 characters');

export const createUserBody = z.strictObject({
  username,
  displayName: z.string().min(1).max(200),
  email: z.email(),
  role: z.enum(ROLES),
  organizationId: z.string().min(1).nullable().default(null),
  password: passwordSchema.optional().describe('omitted: a one-time password is generated and returned once'),
});

export const updateUserBody = z
  .strictObject({
    displayName: z.string().min(1).max(200).optional(),
    email: z.email().optional(),
    role: z.enum(ROLES).optional(),
    organizationId: z.string().min(1).nullable().optional(),
    disabled: z.boolean().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change');

export const resetPasswordBody = z.strictObject({ password: passwordSchema.optional() });

export const createdUserSchema = z.object({ user: userSchema, oneTimePassword: z.string().optional() });
