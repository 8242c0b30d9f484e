import { z } from 'zod';
import { WARNING_SEVERITIES, WARNING_STATUSES } from '../../../core/domain/warning.js';
import { cursorQuery, limitQuery, listQuery, tlpSchema } from '../shared-schemas.js';

const id = z.string().min(1).max(200);
const text = (max: number) => z.string().trim().max(max);

export const audienceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({ kind: z.literal('state') }),
  z.strictObject({ kind: z.literal('county'), countyId: id }),
  z.strictObject({ kind: z.literal('provider'), providerId: id }),
  z.strictObject({ kind: z.literal('organisations'), organizationIds: z.array(id).min(1).max(1000) }),
]);

const productSchema = z.strictObject({
  vendor: text(200).min(1),
  product: text(200).min(1),
  versions: z.array(text(100).min(1)).max(100).default([]),
  cves: z.array(z.string().regex(/^CVE-[0-9]{4}-[0-9]{4,}$/, 'a CVE id such as CVE-2024-12345')).max(100).default([]),
});

const indicatorSchema = z.strictObject({ type: text(50).min(1), value: text(2000).min(1) });

const content = {
  title: text(300).min(1),
  summary: text(5000).min(1),
  details: text(50_000).default(''),
  products: z.array(productSchema).max(200).default([]),
  measures: z.array(text(5000).min(1)).max(100).default([]),
  severity: z.enum(WARNING_SEVERITIES),
  tlp: tlpSchema,
  audience: audienceSchema,
  recipientUserIds: z.array(id).max(200).default([]).describe('TLP:RED only: the users the warning is for'),
  indicators: z.array(indicatorSchema).max(500).default([]),
  requiresApproval: z.boolean().default(false).describe('publishing then needs a second analyst\'s approval; always set for severities at or above LAGEBILD_WARNING_APPROVAL_MIN_SEVERITY (default hoch)'),
};

export const createWarningBody = z.strictObject(content);

export const updateWarningBody = z
  .strictObject({
    title: content.title.optional(),
    summary: content.summary.optional(),
    details: text(50_000).optional(),
    products: z.array(productSchema).max(200).optional(),
    measures: z.array(text(5000).min(1)).max(100).optional(),
    severity: content.severity.optional(),
    tlp: tlpSchema.optional(),
    audience: audienceSchema.optional(),
    recipientUserIds: z.array(id).max(200).optional(),
    indicators: z.array(indicatorSchema).max(500).optional(),
    requiresApproval: z.boolean().optional().describe('false waives the approval: only another analyst than the author, and not for severities that always need it'),
    version: z.number().int().min(1).describe('the version you saw'),
  })
  .refine((body) => Object.keys(body).some((key) => key !== 'version'), 'nothing to change');

export const fromIncidentBody = z.strictObject({
  title: content.title.optional(),
  summary: content.summary.optional(),
  details: text(50_000).optional(),
  measures: z.array(text(5000).min(1)).max(100).optional(),
  severity: content.severity.optional(),
  tlp: tlpSchema.optional(),
  audience: audienceSchema.optional(),
  recipientUserIds: z.array(id).max(200).optional(),
  requiresApproval: z.boolean().optional(),
});

export const audiencePreviewBody = z.strictObject({
  audience: audienceSchema,
  tlp: tlpSchema.optional().describe('TLP:RED narrows the audience to the organisations of recipientUserIds'),
  recipientUserIds: z.array(id).max(200).default([]),
});

const namedOrganisation = z.object({ id: z.string(), name: z.string() });

export const audiencePreviewSchema = z.object({
  count: z.number().int(),
  organisations: z.array(namedOrganisation).describe('by name'),
});

export const audienceOptionsSchema = z.object({
  counties: z.array(namedOrganisation).describe('municipal bodies at the top of the hierarchy with organisations below them'),
  providers: z.array(namedOrganisation),
  organisations: z.array(namedOrganisation).describe('the constituency, without the CERT'),
});

export const warningListQuery = z.strictObject({ status: listQuery(WARNING_STATUSES), limit: limitQuery, cursor: cursorQuery });

export const deliverySchema = z.object({
  organizationId: z.string(),
  deliveredAt: z.string(),
  mailedTo: z.array(z.string()).optional(),
  mailError: z.string().nullable().optional(),
  readAt: z.string().nullable(),
  readBy: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  readByName: z.string().nullable().describe('display name of readBy'),
  acknowledgedByName: z.string().nullable().describe('display name of acknowledgedBy'),
  escalatedAt: z.string().nullable().optional(),
});

export const warningSchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  details: z.string(),
  products: z.array(z.object({ vendor: z.string(), product: z.string(), versions: z.array(z.string()), cves: z.array(z.string()) })),
  measures: z.array(z.string()),
  severity: z.enum(WARNING_SEVERITIES),
  tlp: tlpSchema,
  status: z.enum(WARNING_STATUSES),
  trackingId: z.string().nullable(),
  publishedAt: z.string().nullable(),
  indicators: z.array(z.object({ type: z.string(), value: z.string() })),
  incidentId: z.string().nullable().optional(),
  audience: audienceSchema.optional(),
  recipientUserIds: z.array(z.string()).optional(),
  organizationIds: z.array(z.string()).optional(),
  requiresApproval: z.boolean().optional(),
  createdBy: z.string().optional(),
  approvedBy: z.string().nullable().optional(),
  approvalWaivedBy: z.string().nullable().optional().describe('the analyst who waived the approval, for the content as it was then'),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});

const tallySchema = z.object({ addressed: z.number().int(), read: z.number().int(), acknowledged: z.number().int() });

export const warningListItemSchema = warningSchema.extend({
  acknowledgement: tallySchema.nullable().describe('the deliveries the caller may see (all for the CERT, their own organisation\'s otherwise); null before publication'),
  audienceCount: z.number().int().nullable().optional().describe('CERT only: organisations delivered to, or for a draft those it would reach now (null when none can be resolved)'),
});

export const warningDetailSchema = z.object({ warning: warningSchema, deliveries: z.array(deliverySchema) });

export const deliveryOverviewSchema = z.object({
  warningId: z.string(),
  trackingId: z.string().nullable(),
  addressed: z.number().int(),
  read: z.number().int(),
  acknowledged: z.number().int(),
  pending: z.array(z.string()),
  organisations: z.array(deliverySchema.omit({ readByName: true }).extend({ organisationName: z.string() })),
});
