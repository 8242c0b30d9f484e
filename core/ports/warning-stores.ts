import type { Scope } from '../domain/scope.js';
import type { DeliveryTally, Warning, WarningDelivery, WarningStatus } from '../domain/warning.js';
import type { Page } from './stores.js';

/**
 * Storage for warnings (issue 8). Both store adapters implement it beside `Store`; both pass
 * tests/contract/warning-store.contract.ts.
 */

/**
 * Who is asking. An organisation scope sees only published warnings addressed to its organisation,
 * and a TLP:RED one only when `userId` is among the named recipients; the store applies this in the query.
 */
export interface WarningViewer {
  scope: Scope;
  userId: string;
}

export interface WarningQuery {
  status?: WarningStatus[];
  limit?: number;
  cursor?: string;
}

export interface WarningStore {
  /** ConflictError when the id exists. */
  create(warning: Warning): Promise<void>;
  /** Stores `warning` (whose version is `expectedVersion + 1`) only if the stored version is still `expectedVersion`, else ConflictError. */
  replace(warning: Warning, expectedVersion: number): Promise<void>;
  get(id: string, viewer: WarningViewer): Promise<Warning | undefined>;
  /** Newest first. */
  list(query: WarningQuery, viewer: WarningViewer): Promise<Page<Warning>>;
  /** Every published warning; for the escalation job, which works for the CERT. */
  listPublished(): Promise<Warning[]>;
  /** The next number of the year's tracking counter (1, 2, …); atomic across writers. */
  nextTrackingNumber(year: number): Promise<number>;
}

export interface WarningDeliveryStore {
  /** Idempotent by (warningId, organizationId): an existing delivery is kept as it is. */
  putMany(deliveries: WarningDelivery[]): Promise<void>;
  /** The deliveries of one warning the scope can see, by organisation id. */
  list(warningId: string, scope: Scope): Promise<WarningDelivery[]>;
  /** Per warning of `warningIds` that has deliveries the scope can see: how many, read, acknowledged. One query for a page of warnings. */
  tally(warningIds: readonly string[], scope: Scope): Promise<Map<string, DeliveryTally>>;
  recordMail(warningId: string, organizationId: string, mailedTo: string[], mailError: string | null): Promise<void>;
  /** Sets read only the first time; true when this call set it. */
  markRead(warningId: string, organizationId: string, userId: string, at: string): Promise<boolean>;
  /** Sets acknowledged only the first time; returns the delivery as it is afterwards, undefined when there is none. */
  acknowledge(warningId: string, organizationId: string, userId: string, at: string): Promise<WarningDelivery | undefined>;
  /** Sets escalated only the first time; true when this call set it. */
  markEscalated(warningId: string, organizationId: string, at: string): Promise<boolean>;
}

export interface WarningStores {
  warnings: WarningStore;
  warningDeliveries: WarningDeliveryStore;
}
