import { z } from 'zod';
import { MAX_CONDITIONS, MAX_REASON_LENGTH } from '../../../core/domain/suppression.js';

const conditionSchema = z.strictObject({
  field: z
    .string()
    .regex(/^[A-Za-z0-9_@][A-Za-z0-9_.@-]{0,127}$/, 'an ECS field name, e.g. source.ip')
    .describe('ECS field of the alert\'s events or of its group, e.g. source.ip, host.name, user.name'),
  value: z.string().min(1).max(1000).describe('compared exactly (an array field: any element)'),
});

export const suppressionSchema = z.object({
  id: z.string(),
  organizationId: z.string().nullable().describe('null: every organisation'),
  organisationName: z.string().optional(),
  ruleId: z.string().optional(),
  ruleTitle: z.string().optional(),
  conditions: z.array(z.object({ field: z.string(), value: z.string() })),
  reason: z.string(),
  expiresAt: z.string(),
  active: z.boolean().describe('false once expiresAt has passed (a deleted suppression expired when it was deleted)'),
  author: z.string(),
  createdAt: z.string(),
  sourceIncidentId: z.string().optional(),
});

/**
 * Shape and size only; what makes a suppression sensible (a rule or a condition, a reason, an expiry
 * within 90 days) is checked by the workflow, which reports each problem with its own code.
 */
export const createSuppressionBody = z.strictObject({
  organizationId: z.string().min(1).max(200).nullable().describe('null: every organisation (CERT only)'),
  ruleId: z.string().min(1).max(200).optional(),
  conditions: z.array(conditionSchema).max(MAX_CONDITIONS * 5).default([]),
  reason: z.string().max(MAX_REASON_LENGTH * 4),
  expiresAt: z.iso.datetime({ offset: true }).describe('at most 90 days ahead'),
  sourceIncidentId: z.string().min(1).max(200).optional(),
});
