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
}
