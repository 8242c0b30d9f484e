import { z } from 'zod';
import { LEVEL_ORDER } from '../../core/domain/alert.js';
import { INCIDENT_STATUSES, TLP_LABELS } from '../../core/domain/incident.js';

export const idParams = z.object({ id: z.string().min(1).max(200) });

export const limitQuery = z.coerce.number().int().min(1).max(200).default(50).describe('page size, 1–200');
export const cursorQuery = z.string().min(1).max(2000).optional().describe('opaque cursor from the previous page');
export const timeQuery = z.iso.datetime({ offset: true }).optional();

/** A list filter given as `a,b` or as repeated parameters (`?status=a&status=b`). */
export function listQuery<T extends readonly [string, ...string[]]>(values: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((raw) => (Array.isArray(raw) ? raw : [raw]).flatMap((part) => part.split(',')).map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1))
    .optional()
    .describe(`one or more of ${values.join(', ')}, comma-separated or repeated`);
}

export const severitySchema = z.enum(LEVEL_ORDER as unknown as readonly ['informational', 'low', 'medium', 'high', 'critical']);
export const statusSchema = z.enum(INCIDENT_STATUSES);
export const tlpSchema = z.enum(TLP_LABELS);

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().optional(), total: z.number().int() });
}

/** Alerts and events are open ECS documents; the document names their core fields only. */
export const alertSchema = z.looseObject({
  '@timestamp': z.string(),
  alert: z.object({ id: z.string(), count: z.number().int() }),
  rule: z.looseObject({ id: z.string(), title: z.string(), level: severitySchema, type: z.string() }),
  event_ids: z.array(z.string()),
  organization: z.object({ id: z.string().nullable() }),
  tags: z.array(z.string()),
});
export const eventSchema = z.looseObject({ '@timestamp': z.string(), event: z.looseObject({ id: z.string() }) });
