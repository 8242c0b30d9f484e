import type { Tlp } from './incident.js';

/** The CERT's own scale (DOMAIN.md); German, because that is how the warnings are read and filtered. */
export const WARNING_SEVERITIES = ['niedrig', 'mittel', 'hoch', 'kritisch'] as const;
export type WarningSeverity = (typeof WARNING_SEVERITIES)[number];

export function severityRank(severity: WarningSeverity): number {
  return WARNING_SEVERITIES.indexOf(severity);
}

/** `approved` exists only for warnings that ask for a second analyst's approval. */
export const WARNING_STATUSES = ['draft', 'approved', 'published'] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];

/**
 * Who a warning is for, as the analyst says it. It is resolved to concrete organisations when the
 * warning is published, so that later changes to the registry do not change who received it.
 */
export type WarningAudience =
  | { kind: 'all' }
  /** Every state body (kind `state`). */
  | { kind: 'state' }
  /** Every organisation below the county, transitively (its municipalities). */
  | { kind: 'county'; countyId: string }
  /** Every organisation served by this IT service provider. */
  | { kind: 'provider'; providerId: string }
  | { kind: 'organisations'; organizationIds: string[] };

export interface AffectedProduct {
  vendor: string;
  product: string;
  /** Affected versions as the vendor states them: `2.4.1`, or a range such as `<2.4.58`. */
  versions: string[];
  cves: string[];
}

/** An observable carried over from an incident, for recipients to search their own logs for. */
export interface WarningIndicator {
  type: string;
  value: string;
}

export interface Warning {
  id: string;
  title: string;
  summary: string;
  details: string;
  products: AffectedProduct[];
  /** Recommended measures, one per entry. */
  measures: string[];
  severity: WarningSeverity;
  tlp: Tlp;
  audience: WarningAudience;
  /** TLP:RED only: the people (user ids) the warning is for; nobody else of their organisation sees it. */
  recipientUserIds: string[];
  indicators: WarningIndicator[];
  /** The incident the warning was created from, if any. */
  incidentId: string | null;
  requiresApproval: boolean;
  /**
   * The analyst (never the author) who lowered `requiresApproval`. Like an approval, the waiver holds
   * for the content they saw: a later change by someone else needs approval again.
   */
  approvalWaivedBy?: string | null;
  status: WarningStatus;
  createdBy: string;
  approvedBy: string | null;
  approvedAt: string | null;
  publishedBy: string | null;
  publishedAt: string | null;
  /** `SAXCERT-2025-0001`: assigned at publication, from a counter per year. */
  trackingId: string | null;
  /** The audience resolved at publication; empty before. */
  organizationIds: string[];
  createdAt: string;
  updatedAt: string;
  /** Incremented on every change; changes name the version they saw. */
  version: number;
}

/** One recipient organisation's copy of a published warning: delivered → read → acknowledged. */
export interface WarningDelivery {
  warningId: string;
  organizationId: string;
  deliveredAt: string;
  /** Addresses the mail went to; empty while it is being sent or when the organisation has none. */
  mailedTo: string[];
  mailError: string | null;
  readAt: string | null;
  readBy: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  /** Set once the unacknowledged warning was escalated to the ISB's deputy and the CERT. */
  escalatedAt: string | null;
}

/** How far a warning's deliveries (those a scope can see) have come: for lists, without every delivery. */
export interface DeliveryTally {
  addressed: number;
  read: number;
  acknowledged: number;
}
