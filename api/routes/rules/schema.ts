import { z } from 'zod';
import { alertSchema, severitySchema } from '../shared-schemas.js';

export const ruleIdParams = z.object({ id: z.string().min(1).max(200) });

export const ruleSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  level: severitySchema,
  type: z.enum(['sigma', 'correlation', 'ioc']),
  enabled: z.boolean(),
  tags: z.array(z.string()),
  description: z.string().optional(),
  author: z.string().optional(),
  path: z.string().optional(),
});

export const ruleDetailSchema = ruleSummarySchema.extend({ source: z.string() });

/** A rule upload is YAML text inside JSON, which keeps one body format for the whole API. */
export const validateRuleBody = z.strictObject({ rule: z.string().min(1).max(256_000) });
export const testRuleBody = z.strictObject({ rule: z.string().min(1).max(256_000), events: z.array(z.record(z.string(), z.unknown())).max(10_000) });

export const ruleProblemsSchema = z.object({ valid: z.boolean(), problems: z.array(z.object({ message: z.string(), line: z.number().int().optional(), column: z.number().int().optional() })) });
export const ruleTestResultSchema = z.object({ alerts: z.array(alertSchema) });
