/**
 * The shapes the API answers with, as the UI reads them. They mirror core/domain (Incident, Alert,
 * EcsEvent) and workflows/triage (IncidentDetail); the UI compiles on its own, so it keeps a copy.
 */
export const INCIDENT_STATUSES = ['new', 'acknowledged', 'investigating', 'contained', 'resolved', 'closed', 'false_positive'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const OPEN_STATUSES: readonly IncidentStatus[] = ['new', 'acknowledged', 'investigating', 'contained'];

export const SEVERITIES = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const TLP_LABELS = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'] as const;
export type Tlp = (typeof TLP_LABELS)[number];

export type Role = 'admin' | 'analyst' | 'officer' | 'recipient';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  organizationId: string | null;
}

export interface Incident {
  id: string;
  title: string;
  organizationIds: string[];
  ruleId: string;
  ruleTitle: string;
  entity: string;
  severity: Severity;
  status: IncidentStatus;
  tlp: Tlp;
  assignee: string | null;
  alertIds: string[];
  alertCount: number;
  eventCount: number;
  firstSeen: string;
  lastSeen: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  version: number;
  /** Set once the incident was merged into another; it is then closed and takes no more changes. */
  mergedInto?: string | null;
  /** Every entity the story names, as `field=value`. */
  entities?: string[];
  ruleIds?: string[];
  /** The campaign this incident is part of; only the CERT is told. */
  campaignId?: string | null;
  /** Set on a campaign: the organisations' own incidents it links; only the CERT sees campaigns. */
  childIds?: string[];
  /** The ATT&CK tactics the story covers, in kill-chain order. */
  tactics?: string[];
  /** The highest level of any rule that fired in the story. */
  ruleLevel?: Severity;
  risk?: IncidentRisk;
}

/** Why the story is rated as it is: a score 0–100, the severity it earns, and its reasons, largest share first. */
export interface IncidentRisk {
  score: number;
  severity: Severity;
  reasons: { code: string; params?: Record<string, string | number> }[];
}

export interface RelatedIncident extends Incident {
  sharedEntities: string[];
}

export interface EntityAlert {
  id: string;
  '@timestamp': string;
  rule: { id: string; title: string; level: Severity };
  organizationId: string | null;
}

export interface EntityView {
  entity: string;
  incidents: Incident[];
  alerts: EntityAlert[];
}

export interface IncidentPage {
  items: Incident[];
  nextCursor?: string | null;
  total: number;
}

/** An ECS event: nested objects of unknown depth; the UI only ever shows it as text. */
export type EcsEvent = { '@timestamp'?: string; event?: { id?: string; original?: string; [field: string]: unknown }; [field: string]: unknown };

export interface Alert {
  '@timestamp': string;
  alert: { id: string; count: number };
  rule: { id: string; title: string; level: Severity; type: string };
  event_ids: string[];
  organization: { id: string | null; ids?: string[] };
  tags: string[];
  events?: EcsEvent[];
}

export interface Observable {
  type: string;
  value: string;
  fields: string[];
  count: number;
}

export interface IncidentComment {
  id: string;
  incidentId: string;
  authorName: string;
  body: string;
  createdAt: string;
}

export interface TimelineEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

export interface MergedSource {
  id: string;
  title: string;
  status: IncidentStatus;
  alertCount: number;
}

export interface IncidentDetail {
  incident: Incident;
  /** False for an officer on an incident shared with other organisations: only the CERT changes it. */
  changeable: boolean;
  /** The statuses the server accepts next (workflows/triage/incident-state-machine.ts); empty once merged. */
  allowedTransitions: IncidentStatus[];
  mergedSources: MergedSource[];
  alerts: Alert[];
  /** The alerts as stages of the attack: ATT&CK tactics in kill-chain order, each with its alerts, earliest first. */
  stages: { tactic: string; alertIds: string[] }[];
  events: EcsEvent[];
  observables: Observable[];
  comments: IncidentComment[];
  timeline: TimelineEntry[];
}

export interface OrganisationSummary {
  id: string;
  name: string;
}

export interface IncidentFilter {
  status?: readonly IncidentStatus[];
  severity?: readonly Severity[];
  organizationId?: string;
  q?: string;
  sort?: 'lastSeen' | 'firstSeen' | 'severity' | 'createdAt';
  order?: 'asc' | 'desc';
  limit?: number;
  cursor?: string;
}

export type IncidentChange = Partial<Pick<Incident, 'status' | 'severity' | 'tlp' | 'assignee'>>;

export const WARNING_SEVERITIES = ['niedrig', 'mittel', 'hoch', 'kritisch'] as const;
export type WarningSeverity = (typeof WARNING_SEVERITIES)[number];

/** A warning as the API shows it; the CERT gets more fields than a recipient organisation. */
export interface Warning {
  id: string;
  title: string;
  summary: string;
  details: string;
  products: { vendor: string; product: string; versions: string[]; cves: string[] }[];
  measures: string[];
  severity: WarningSeverity;
  tlp: Tlp;
  status: 'draft' | 'approved' | 'published';
  trackingId: string | null;
  publishedAt: string | null;
  indicators: { type: string; value: string }[];
  createdAt: string;
  updatedAt: string;
  version: number;
  /** The CERT only: who it is for, the organisations delivered to (once published), whether it waits for a second analyst. */
  audience?: WarningAudience;
  /** TLP:RED only: the people it is for. */
  recipientUserIds?: string[];
  organizationIds?: string[];
  requiresApproval?: boolean;
  incidentId?: string | null;
}

/** How far a warning's deliveries have come: all of them for the CERT, the caller's own organisation's otherwise. */
export interface DeliveryTally {
  addressed: number;
  read: number;
  acknowledged: number;
}

/** A row of the warnings list. */
export interface WarningListItem extends Warning {
  /** null before publication. */
  acknowledgement: DeliveryTally | null;
  /** The CERT only: organisations delivered to, or that a draft would reach now; null when it reaches none. */
  audienceCount?: number | null;
}

export interface WarningDelivery {
  organizationId: string;
  deliveredAt: string;
  readAt: string | null;
  readBy: string | null;
  /** The reader's display name; null when nobody has read it (or the user is gone). */
  readByName: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  acknowledgedByName: string | null;
}

export interface WarningPage {
  items: WarningListItem[];
  nextCursor?: string;
  total: number;
}

export interface WarningDetail {
  warning: Warning;
  deliveries: WarningDelivery[];
}

export const REPORT_PHASES = ['early_warning', 'notification', 'intermediate', 'final'] as const;
export type ReportPhase = (typeof REPORT_PHASES)[number];
export const REPORT_TIERS = ['sicherheitsereignis', 'sicherheitsvorfall', 'erheblicher_sicherheitsvorfall'] as const;
export type ReportTier = (typeof REPORT_TIERS)[number];
export const REPORT_CATEGORIES = ['malware_blocked', 'malware_installed', 'intrusion', 'unauthorised_use', 'data_exfiltration', 'manipulation', 'dos', 'phishing', 'loss_or_theft', 'system_failure', 'other'] as const;
export const PROTECTION_GOALS = ['confidentiality', 'integrity', 'availability'] as const;
export type DeadlineState = 'due' | 'overdue' | 'submitted';

export interface Deadline {
  phase: ReportPhase;
  dueAt: string;
  submittedAt: string | null;
  reportId: string | null;
  state: DeadlineState;
}

/** The duty of one organisation to report one incident, with a deadline per phase. */
export interface ReportObligation {
  id: string;
  organizationId: string;
  incidentId: string | null;
  regime: ReportingRegime;
  awarenessAt: string;
  deadlines: Deadline[];
  open: boolean;
  requestedByCert: boolean;
  createdAt: string;
}

export interface ReportObligationPage {
  items: ReportObligation[];
  nextCursor?: string;
  total: number;
}

/** Report content as a nested record: the UI only reads and writes the fields of its form. */
export type ReportContent = Record<string, unknown>;

export interface Report {
  id: string;
  organizationId: string;
  obligationId: string;
  phase: ReportPhase;
  status: 'draft' | 'submitted';
  draft: ReportContent | null;
  draftSavedAt: string | null;
  currentVersion: number;
  createdAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  certTier: ReportTier | null;
  incidentIds: string[];
  feedback: { id: string; authorName: string; body: string; at: string }[];
  updatedAt: string;
}

export interface ReportPage {
  items: Report[];
  nextCursor?: string;
  total: number;
}

export interface ReportVersion {
  reportId: string;
  version: number;
  content: ReportContent;
  submittedAt: string;
  submittedBy: string;
}

export interface DataProtectionNotice {
  authority: string;
  dueAt: string;
  overdue: boolean;
  notifiedAt: string | null;
}

/** A content field the report's phase asks for, by dotted path ("reporter.email"); the server checks submissions against these. */
export interface ReportPhaseField {
  path: string;
  required: boolean;
}

export interface ReportDetail {
  report: Report;
  versions: ReportVersion[];
  obligation: ReportObligation | null;
  dataProtection: DataProtectionNotice | null;
  fields: ReportPhaseField[];
}

export const AUDIENCE_KINDS = ['all', 'state', 'county', 'provider', 'organisations'] as const;
export type AudienceKind = (typeof AUDIENCE_KINDS)[number];

export type WarningAudience =
  | { kind: 'all' }
  | { kind: 'state' }
  | { kind: 'county'; countyId: string }
  | { kind: 'provider'; providerId: string }
  | { kind: 'organisations'; organizationIds: string[] };

export interface NamedOrganisation {
  id: string;
  name: string;
}

/** Who a warning addressed so would reach if published now; publishing resolves it the same way. */
export interface AudiencePreview {
  count: number;
  organisations: NamedOrganisation[];
}

/** The compose form's choices per kind of audience, by name. */
export interface AudienceOptions {
  counties: NamedOrganisation[];
  providers: NamedOrganisation[];
  organisations: NamedOrganisation[];
}

export interface WarningInput {
  title: string;
  summary: string;
  details: string;
  products: { vendor: string; product: string; versions: string[]; cves: string[] }[];
  measures: string[];
  severity: WarningSeverity;
  tlp: Tlp;
  audience: WarningAudience;
  requiresApproval: boolean;
}

export interface BulkResult {
  results: { id: string; ok: boolean; code?: string; detail?: string }[];
}


// Administration

export const ORGANISATION_KINDS = ['cert', 'state', 'municipal', 'provider'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
export const REPORTING_REGIMES = ['section16', 'section17', 'none'] as const;
export type ReportingRegime = (typeof REPORTING_REGIMES)[number];
export const CONTACT_ROLES = ['isb', 'isb_deputy', 'it', 'head'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export interface Contact {
  role: ContactRole;
  name: string;
  email: string;
  phone?: string;
}

export interface Organisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  parentId: string | null;
  networks: string[];
  domains: string[];
  contacts: Contact[];
  reportingRegime: ReportingRegime;
  critical: boolean;
}

export type OrganisationInput = Omit<Organisation, 'id'>;

export const ROLES = ['admin', 'analyst', 'officer', 'recipient'] as const;

export interface User {
  id: string;
  username: string;
  displayName: string;
  email: string;
  role: Role;
  organizationId: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
}

export interface UserInput {
  username: string;
  displayName: string;
  email: string;
  role: Role;
  organizationId: string | null;
}

export interface LogSource {
  id: string;
  organizationId: string;
  name: string;
  parser?: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface SuppressionCondition {
  field: string;
  value: string;
}

export interface Suppression {
  id: string;
  /** null: every organisation. */
  organizationId: string | null;
  organisationName?: string;
  ruleId?: string;
  ruleTitle?: string;
  conditions: SuppressionCondition[];
  reason: string;
  expiresAt: string;
  active: boolean;
  author: string;
  createdAt: string;
  sourceIncidentId?: string;
}

export interface SuppressionInput {
  organizationId: string | null;
  ruleId?: string;
  conditions: SuppressionCondition[];
  reason: string;
  expiresAt: string;
  sourceIncidentId?: string;
}

// Rules

/** Lagebild's own rules, then SigmaHQ's release packs (core/domain/rule-pack.ts). */
export const RULE_PACKS = ['lagebild', 'core', 'core+', 'core++', 'emerging-threats', 'threat-hunting'] as const;
export type RulePack = (typeof RULE_PACKS)[number];

export const RULE_TYPES = ['sigma', 'correlation', 'ioc'] as const;
export type RuleType = (typeof RULE_TYPES)[number];

export interface RuleSummary {
  id: string;
  title: string;
  level: Severity;
  type: RuleType;
  enabled: boolean;
  pack: RulePack;
  /** Whether the rule runs when nobody chose otherwise; what that rests on, and why in words (English). */
  enabledByDefault: boolean;
  defaultBasis: 'lagebild' | 'received' | 'not-received' | 'pack-off' | 'tuned-on' | 'tuned-off';
  defaultReason: string;
  tags: string[];
  description?: string;
  author?: string;
  path?: string;
}

/** What GET /rules filters by; without `limit` the API answers every matching rule. */
export interface RuleFilter {
  pack?: RulePack[];
  level?: Severity[];
  type?: RuleType[];
  enabled?: boolean;
  q?: string;
  offset?: number;
  limit?: number;
}

export interface RulePage {
  items: RuleSummary[];
  /** How many rules match, across all pages. */
  total: number;
}

export interface RuleDetail extends RuleSummary {
  source: string;
}

export interface RuleProblem {
  message: string;
  line?: number;
  column?: number;
}
