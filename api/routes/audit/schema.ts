import { z } from 'zod';

export const auditQuery = z.strictObject({
  objectId: z.string().min(1).max(200).optional(),
  afterSeq: z.coerce.number().int().min(0).optional().describe('continue after this sequence number'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  organizationId: z.string().nullable().optional(),
  prevHash: z.string(),
  hash: z.string(),
});

export const auditVerificationSchema = z.object({
  valid: z.boolean(),
  checked: z.number().int(),
  brokenAt: z.object({ seq: z.number().int(), reason: z.enum(['hash_mismatch', 'link_mismatch', 'sequence_gap']) }).optional(),
});
