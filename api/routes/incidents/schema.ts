import { z } from 'zod';
import { INCIDENT_STATUSES } from '../../../core/domain/incident.js';
import { LEVEL_ORDER } from '../../../core/domain/alert.js';
import { alertSchema, cursorQuery, eventSchema, limitQuery, listQuery, severitySchema, statusSchema, timeQuery, tlpSchema } from '../shared-schemas.js';

export const incidentSchema = z.object({
  id: z.string(),
  title: z.string(),
  organizationIds: z.array(z.string()),
  ruleId: z.string(),
  ruleTitle: z.string(),
  entity: z.string(),
  severity: severitySchema,
  status: statusSchema,
  tlp: tlpSchema,
  assignee: z.string().nullable(),
  alertIds: z.array(z.string()),
  alertCount: z.number().int(),
  eventCount: z.number().int(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  tags: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  mergedInto: z.string().nullable().optional().describe('set when this incident was merged into another; it is then closed'),
  entities: z.array(z.string()).optional().describe('every entity its alerts name, as `field=value`, sorted'),
  ruleIds: z.array(z.string()).optional().describe('every rule that contributed, first one first'),
  campaignId: z.string().nullable().optional().describe('the campaign this incident is part of (CERT only)'),
  childIds: z.array(z.string()).optional().describe('for a campaign: the organisations\' own incidents it links (CERT only)'),
  tactics: z.array(z.string()).optional().describe('the ATT&CK tactics the story covers, in kill-chain order'),
  ruleLevel: severitySchema.optional().describe('the highest level of any rule that fired in the story'),
  risk: z
    .object({
      score: z.number().int().min(0).max(100),
      severity: severitySchema,
      reasons: z.array(z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() })),
    })
    .optional()
    .describe('the story\'s risk: score 0–100, the severity it earns and why, largest share first'),
});

export const incidentSummarySchema = incidentSchema.omit({ alertIds: true });

export const incidentListQuery = z.strictObject({
  status: listQuery(INCIDENT_STATUSES),
  severity: listQuery(LEVEL_ORDER as unknown as readonly ['informational', 'low', 'medium', 'high', 'critical']),
  organization: z.string().min(1).max(200).optional(),
  rule: z.string().min(1).max(200).optional(),
  from: timeQuery.describe('last seen at or after (ISO 8601)'),
  to: timeQuery.describe('first seen at or before (ISO 8601)'),
  q: z.string().min(1).max(200).optional().describe('full-text search in title, rule and entity'),
  entity: z.string().min(1).max(300).optional().describe('only incidents whose story names this entity (`source.ip=203.0.113.7`)'),
  campaign: z.string().min(1).max(200).optional().describe('only the incidents of this campaign (CERT only; ignored for an officer)'),
  sort: z.enum(['lastSeen', 'firstSeen', 'severity', 'createdAt']).default('lastSeen'),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: limitQuery,
  cursor: cursorQuery,
});

const changes = {
  status: statusSchema.optional(),
  severity: severitySchema.optional(),
  tlp: tlpSchema.optional(),
  assignee: z.string().min(1).max(200).nullable().optional().describe('a user id, or null to unassign'),
  title: z.string().min(1).max(300).optional(),
};

const hasChange = (patch: Record<string, unknown>) => Object.keys(changes).some((key) => patch[key] !== undefined);

export const incidentPatchBody = z
  .strictObject({ ...changes, version: z.number().int().min(1).optional().describe('the version you saw; or send it as If-Match: "<version>"') })
  .refine(hasChange, 'nothing to change');

export const bulkBody = z.strictObject({
  ids: z.array(z.string().min(1).max(200)).min(1).max(500),
  patch: z.strictObject(changes).refine(hasChange, 'nothing to change'),
});

export const bulkResultSchema = z.object({
  results: z.array(
    z.union([
      z.object({ id: z.string(), ok: z.literal(true), incident: incidentSummarySchema }),
      z.object({ id: z.string(), ok: z.literal(false), status: z.number().int(), code: z.string(), detail: z.string() }),
    ]),
  ),
});

export const commentSchema = z.object({ id: z.string(), incidentId: z.string(), authorId: z.string(), authorName: z.string(), body: z.string(), createdAt: z.string() });
export const commentBody = z.strictObject({ body: z.string().trim().min(1).max(20_000) });

export const timelineEntrySchema = z.object({ seq: z.number().int(), at: z.string(), actor: z.string(), action: z.string(), before: z.unknown().optional(), after: z.unknown().optional() });

export const incidentDetailSchema = z.object({
  incident: incidentSchema,
  changeable: z.boolean().describe('whether you may change it; false for an officer on an incident shared with other organisations, which only the CERT changes'),
  allowedTransitions: z.array(statusSchema).describe('the statuses a PATCH by you may move the incident to now (workflows/triage/incident-state-machine.ts); empty once merged, and for an officer on an incident shared with other organisations'),
  mergedSources: z.array(z.object({ id: z.string(), title: z.string(), status: statusSchema, alertCount: z.number().int() })).describe('incidents merged into this one; their comments stay on them'),
  alerts: z.array(alertSchema),
  stages: z.array(z.object({ tactic: z.string(), alertIds: z.array(z.string()) })).describe('the alerts as stages of the attack: ATT&CK tactics in kill-chain order, each with its alerts, earliest first'),
  events: z.array(eventSchema),
  observables: z.array(z.object({ type: z.string(), value: z.string(), fields: z.array(z.string()), count: z.number().int() })),
  comments: z.array(commentSchema),
  timeline: z.array(timelineEntrySchema),
});

export const incidentStatsQuery = z.strictObject({
  from: timeQuery.describe('first seen at or after (ISO 8601); default: a week (day buckets) or a day (hour buckets) before `to`'),
  to: timeQuery.describe('first seen at or before (ISO 8601); default: now'),
  bucket: z.enum(['hour', 'day']).default('day'),
});

const severityCounts = z.object(Object.fromEntries(LEVEL_ORDER.map((level) => [level, z.number().int()])) as Record<(typeof LEVEL_ORDER)[number], z.ZodNumber>);

export const incidentStatsSchema = z.object({
  overTime: z.array(z.object({ at: z.string(), counts: severityCounts })).describe('every UTC hour or day of the window, by severity'),
  byOrganisation: z.array(z.object({ organizationId: z.string(), count: z.number().int() })),
  byRule: z.array(z.object({ ruleId: z.string(), ruleTitle: z.string(), count: z.number().int() })).describe('the top 50 rules'),
  byStatus: z.object(Object.fromEntries(INCIDENT_STATUSES.map((status) => [status, z.number().int()])) as Record<(typeof INCIDENT_STATUSES)[number], z.ZodNumber>),
});

export const mergeBody = z.strictObject({
  sourceIds: z.array(z.string().min(1).max(200)).min(1).max(100).describe('the incidents to fold into this one and close'),
  version: z.number().int().min(1).optional().describe('the target version you saw; or send it as If-Match: "<version>"'),
});

export const mergeResultSchema = z.object({
  incident: incidentSummarySchema,
  merged: z.array(z.string()).describe('the sources this call merged; empty when a retry found the merge done'),
});

export const relatedIncidentsSchema = z.object({
  items: z.array(incidentSummarySchema.extend({ sharedEntities: z.array(z.string()).describe('the entities both incidents name') })),
});
