import { z } from 'zod';
import { REPORT_PHASES, REPORT_TIERS } from '../../../core/domain/report.js';
import { reportDraftSchema } from '../../../workflows/reporting/report-content-schema.js';
import { REPORT_FIELD_PATHS } from '../../../workflows/reporting/report-phase-fields.js';
import { cursorQuery, limitQuery, listQuery } from '../shared-schemas.js';

const time = z.iso.datetime({ offset: true });
const flag = z.enum(['true', 'false']).transform((value) => value === 'true').optional();

export const deadlineSchema = z.object({ phase: z.enum(REPORT_PHASES), dueAt: z.string(), submittedAt: z.string().nullable(), reportId: z.string().nullable(), state: z.enum(['due', 'overdue', 'submitted']) });

export const obligationSchema = z.object({
  id: z.string(),
  organizationId: z.string(),
  incidentId: z.string().nullable(),
  regime: z.string(),
  awarenessAt: z.string(),
  deadlines: z.array(deadlineSchema),
  open: z.boolean(),
  requestedByCert: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
});

export const createObligationBody = z.strictObject({ organizationId: z.string().min(1).max(200).optional(), incidentId: z.string().min(1).max(200).optional(), awarenessAt: time });
export const incidentObligationBody = z.strictObject({ organizationId: z.string().min(1).max(200).optional(), awarenessAt: time });
export const intermediateRequestBody = z.strictObject({ dueAt: time.optional(), note: z.string().max(5000).optional() });
export const obligationListQuery = z.strictObject({ organization: z.string().min(1).max(200).optional(), incident: z.string().min(1).max(200).optional(), open: flag, limit: limitQuery, cursor: cursorQuery });

export const reportSchema = z.object({
  id: z.string(),
  organizationId: z.string(),
  obligationId: z.string(),
  phase: z.enum(REPORT_PHASES),
  status: z.enum(['draft', 'submitted']),
  draft: z.record(z.string(), z.unknown()).nullable(),
  draftSavedAt: z.string().nullable(),
  currentVersion: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  certTier: z.enum(REPORT_TIERS).nullable(),
  incidentIds: z.array(z.string()),
  feedback: z.array(z.object({ id: z.string(), authorName: z.string(), body: z.string(), at: z.string() })),
  updatedAt: z.string(),
});
export const versionSchema = z.object({ reportId: z.string(), version: z.number().int(), content: z.record(z.string(), z.unknown()), submittedAt: z.string(), submittedBy: z.string() });
export const reportDetailSchema = z.object({
  report: reportSchema,
  versions: z.array(versionSchema),
  obligation: obligationSchema.nullable(),
  dataProtection: z.record(z.string(), z.unknown()).nullable().describe('the GDPR Art. 33 notification the organisation owes, when personal data is affected'),
  fields: z
    .array(z.object({ path: z.enum(REPORT_FIELD_PATHS), required: z.boolean() }))
    .describe('the content fields this report\'s phase asks for, by dotted path; a submission leaving a required one empty is refused (report_field_missing)'),
});

export const createReportBody = z.strictObject({ phase: z.enum(REPORT_PHASES), obligationId: z.string().min(1).max(200).optional(), awarenessAt: time.optional(), draft: reportDraftSchema.optional() });
export const draftBody = reportDraftSchema;
// The content is checked by the submission itself, against the report's phase, so that one answer
// names every empty and every malformed field (report_field_missing, report_field_invalid).
export const submitBody = z.strictObject({ content: z.record(z.string(), z.unknown()).optional().describe('submit this content (the fields of a draft) instead of the saved draft') });
export const feedbackBody = z.strictObject({ body: z.string().trim().min(1).max(20_000) });
export const classifyBody = z.strictObject({ tier: z.enum(REPORT_TIERS) });
export const linkIncidentBody = z.strictObject({ incidentId: z.string().min(1).max(200) });
export const reportListQuery = z.strictObject({
  organization: z.string().min(1).max(200).optional(),
  obligation: z.string().min(1).max(200).optional(),
  phase: listQuery(REPORT_PHASES),
  submitted: flag,
  acknowledged: flag,
  limit: limitQuery,
  cursor: cursorQuery,
});
