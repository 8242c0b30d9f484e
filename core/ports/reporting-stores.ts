import type { Report, ReportObligation, ReportPhase, ReportVersion } from '../domain/report.js';
import type { Scope } from '../domain/scope.js';
import type { Page } from './stores.js';

export interface ReportQuery {
  organizationId?: string;
  obligationId?: string;
  phase?: ReportPhase[];
  /** true: at least one version submitted; false: drafts only. */
  submitted?: boolean;
  acknowledged?: boolean;
  limit?: number;
  cursor?: string;
}

export interface ReportStore {
  /** ConflictError when the id exists. */
  create(report: Report): Promise<void>;
  get(id: string, scope: Scope): Promise<Report | undefined>;
  /** Newest first (by creation). */
  list(query: ReportQuery, scope: Scope): Promise<Page<Report>>;
  /**
   * Writes `report` (whose revision is already incremented) only if the stored revision equals
   * `expectedRevision`, else ConflictError; NotFoundError outside the scope.
   */
  save(report: Report, expectedRevision: number, scope: Scope): Promise<void>;
  /** Insert-only: a version number already taken is a ConflictError, so a version is never overwritten. */
  appendVersion(version: ReportVersion): Promise<void>;
  /** Oldest first; empty outside the scope. */
  versions(reportId: string, scope: Scope): Promise<ReportVersion[]>;
}

export interface ObligationQuery {
  organizationId?: string;
  incidentId?: string;
  /** true: some phase not yet submitted. */
  open?: boolean;
  limit?: number;
  cursor?: string;
}

export interface ObligationStore {
  create(obligation: ReportObligation): Promise<void>;
  get(id: string, scope: Scope): Promise<ReportObligation | undefined>;
  /** Oldest first (by creation). */
  list(query: ObligationQuery, scope: Scope): Promise<Page<ReportObligation>>;
  save(obligation: ReportObligation, expectedRevision: number, scope: Scope): Promise<void>;
}

/**
 * Which reminders and escalations went out, so that a job run twice (restart, second instance,
 * overlapping schedule) sends each mail once. A claim is taken before sending and marked sent after;
 * a claim never marked sent (a crash while sending) may be taken again once it is older than `staleBefore`.
 */
export interface SentNotificationStore {
  claim(key: string, now: Date, staleBefore: Date): Promise<boolean>;
  markSent(key: string, at: Date): Promise<void>;
  /** Gives up a claim whose mail could not be sent, so that the next run tries again. */
  release(key: string): Promise<void>;
  wasSent(key: string): Promise<boolean>;
}

/** The stores of the reporting workflow; both store adapters implement them next to `Store`. */
export interface ReportingStores {
  reports: ReportStore;
  obligations: ObligationStore;
  sentNotifications: SentNotificationStore;
}
