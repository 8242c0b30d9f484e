import type { RuleLevel } from './alert.js';

export const INCIDENT_STATUSES = ['new', 'acknowledged', 'investigating', 'contained', 'resolved', 'closed', 'false_positive'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const TLP_LABELS = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'] as const;
export type Tlp = (typeof TLP_LABELS)[number];

export type Severity = RuleLevel;

export interface Incident {
  id: string;
  title: string;
  /** Every organisation the incident touches; more than one for a campaign. */
  organizationIds: string[];
  ruleId: string;
  ruleTitle: string;
  /** What the alerts were grouped by (e.g. `source.ip=203.0.113.7`), empty when only the rule counts. */
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
  /** Incremented on every change; updates name the version they saw (optimistic concurrency). */
  version: number;
  /** Set when this incident was merged into another: it is closed and its alerts live on there. */
  mergedInto?: string | null;
  /**
   * What the story is about: every entity its alerts name, as `field=value` (`host.name=fs01`),
   * sorted and bounded (MAX_INCIDENT_ENTITIES). Alerts sharing one of these join this incident.
   */
  entities?: string[];
  /** Every rule that contributed, first one first. */
  ruleIds?: string[];
  /** The campaign this incident is part of (an organisation's share of a story that touches several). */
  campaignId?: string | null;
  /** For a campaign: the organisations' own incidents it links. */
  childIds?: string[];
  /** The ATT&CK tactics the story's alerts cover, in kill-chain order (detectors/incidents/attack-tactics.ts). */
  tactics?: string[];
  /** The highest level of any rule that fired in the story; `severity` may differ, by the story's risk or by hand. */
  ruleLevel?: Severity;
  /** How bad the story is as a whole and why (core/domain/story-risk.ts). */
  risk?: IncidentRisk;
}

/** A stable code the UI turns into a sentence (`risk.reason.<code>` in ui/src/i18n), with its numbers. */
export interface RiskReason {
  code: string;
  params?: Record<string, string | number>;
}

export interface IncidentRisk {
  /** 0–100. */
  score: number;
  /** The severity the story earns; the incident's own severity rises to it when it grows. */
  severity: Severity;
  /** What raised the score, the largest share first. */
  reasons: RiskReason[];
}

/** Enough for any real story; a flood of distinct values (a scan) must not grow one document without bound. */
export const MAX_INCIDENT_ENTITIES = 200;

/** Statuses in which an incident still takes new alerts; after these a new alert opens a new incident. */
export const OPEN_STATUSES: readonly IncidentStatus[] = ['new', 'acknowledged', 'investigating', 'contained'];

export function isCampaign(incident: Pick<Incident, 'childIds'>): boolean {
  return incident.childIds !== undefined;
}
