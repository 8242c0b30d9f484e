import { z } from 'zod';

export const logSourceSchema = z.object({
  id: z.string(),
  organizationId: z.string(),
  name: z.string(),
  parser: z.string().optional(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});

export const createdLogSourceSchema = z.object({
  source: logSourceSchema,
  token: z.string().describe('the ingest token (Authorization: Bearer on POST /api/v1/ingest); shown only in this response'),
});

export const createLogSourceBody = z.strictObject({
  organizationId: z.string().min(1).max(200),
  name: z.string().trim().min(1).max(200),
  parser: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
    .optional()
    .describe('the parser for this source\'s lines, e.g. auto, json, rfc5424; auto when absent'),
});
