import { z } from 'zod';
import { ENTITY_FIELDS, isEntity } from '../../../workflows/triage/entity-view.js';
import { severitySchema } from '../shared-schemas.js';
import { incidentSummarySchema } from '../incidents/schema.js';

export const entityParams = z.object({
  entity: z
    .string()
    .min(3)
    .max(300)
    .refine(isEntity, `an entity is field=value with field one of ${ENTITY_FIELDS.join(', ')}`)
    .describe('`field=value`, URL-encoded, e.g. `source.ip%3D203.0.113.7`'),
});

export const entityViewSchema = z.object({
  entity: z.string(),
  incidents: z.array(incidentSummarySchema).describe('the incidents whose story names the entity, latest first'),
  alerts: z
    .array(
      z.object({
        id: z.string(),
        '@timestamp': z.string(),
        rule: z.object({ id: z.string(), title: z.string(), level: severitySchema }),
        organizationId: z.string().nullable().describe('null when the alert spans organisations'),
      }),
    )
    .describe('the alerts of those incidents, oldest first, at most 500'),
});
