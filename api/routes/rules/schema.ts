import { z } from 'zod';
import { LEVEL_ORDER } from '../../../core/domain/alert.js';
import { DEFAULT_BASES, RULE_PACKS } from '../../../core/domain/rule-pack.js';
import { alertSchema, listQuery, severitySchema } from '../shared-schemas.js';

export const ruleIdParams = z.object({ id: z.string().min(1).max(200) });

export const ruleSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  level: severitySchema,
  type: z.enum(['sigma', 'correlation', 'ioc']),
  enabled: z.boolean(),
  pack: z.enum(RULE_PACKS).describe('lagebild, or the SigmaHQ release pack the rule comes from'),
  enabledByDefault: z.boolean(),
  defaultBasis: z.enum(DEFAULT_BASES).describe('what the default rests on (for translations)'),
  defaultReason: z.string().describe('why the rule is on or off by default, in words (the tuning file\'s own for a tuned rule)'),
  tags: z.array(z.string()),
  description: z.string().optional(),
  author: z.string().optional(),
  path: z.string().optional(),
});

/** Several thousand rules ship (most of SigmaHQ's, switched off): the list filters and pages in the catalog. */
export const ruleListQuery = z.object({
  pack: listQuery(RULE_PACKS).optional(),
  enabled: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
  level: listQuery(LEVEL_ORDER as unknown as readonly ['informational', 'low', 'medium', 'high', 'critical']).optional(),
  type: listQuery(['sigma', 'correlation', 'ioc']).optional(),
  q: z.string().min(1).max(200).optional().describe('text in the title, id, path or tags'),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(5000).optional().describe('page size; all matching rules without it'),
});

export const ruleDetailSchema = ruleSummarySchema.extend({ source: z.string() });

/** A rule upload is YAML text inside JSON, which keeps one body format for the whole API. */
export const validateRuleBody = z.strictObject({ rule: z.string().min(1).max(256_000) });
export const testRuleBody = z.strictObject({ rule: z.string().min(1).max(256_000), events: z.array(z.record(z.string(), z.unknown())).max(10_000) });

export const ruleProblemsSchema = z.object({ valid: z.boolean(), problems: z.array(z.object({ message: z.string(), line: z.number().int().optional(), column: z.number().int().optional() })) });
export const ruleTestResultSchema = z.object({ alerts: z.array(alertSchema) });
