import type { Alert } from '../domain/alert.js';
import type { AuditEntry, AuditInput } from '../domain/audit.js';
import type { EcsEvent } from '../domain/ecs.js';
import type { Incident, IncidentStatus, Severity, Tlp } from '../domain/incident.js';
import type { Organisation } from '../domain/organisation.js';
import type { Scope } from '../domain/scope.js';
import type { Suppression } from '../domain/suppression.js';
import type { User } from '../domain/user.js';

/**
 * Storage, one interface per aggregate. Two adapters implement all of them: SQLite (embedded) and
 * Elasticsearch (distributed); both pass tests/contract/store.contract.ts. Every read takes a Scope
 * and applies it inside the query.
 */
export interface Page<T> {
  items: T[];
  /** Opaque; pass back to get the next page. Absent on the last page. */
  nextCursor?: string;
  total: number;
}

export interface EventStore {
  /**
   * Idempotent by `event.id`. `json[i]`, when given, is `events[i]` serialised as it arrived (a bus
   * message): the store may keep that text instead of serialising the event a second time.
   */
  putMany(events: EcsEvent[], json?: readonly string[]): Promise<void>;
  getMany(ids: string[], scope: Scope): Promise<EcsEvent[]>;
  count(scope: Scope): Promise<number>;
  /** Deletes events older than `before` unless an alert references them; returns how many went. */
  deleteOlderThan(before: Date, keepIds?: ReadonlySet<string>): Promise<number>;
}

export interface AlertQuery {
  organizationId?: string;
  ruleId?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

export interface AlertStore {
  /** Idempotent by `alert.id`: a redelivered alert replaces itself, never duplicates. */
  putMany(alerts: Alert[]): Promise<void>;
  get(id: string, scope: Scope): Promise<Alert | undefined>;
  getMany(ids: string[], scope: Scope): Promise<Alert[]>;
  /** Like getMany, but sees alerts stored a moment ago (Elasticsearch: a realtime get by index and id); each named with its `@timestamp`. */
  getRecent(refs: { id: string; at: string }[], scope: Scope): Promise<Alert[]>;
  search(query: AlertQuery, scope: Scope): Promise<Page<Alert>>;
}

/** What the incident builder knows when an alert arrives; the store folds it into the incident. */
export interface IncidentAlertUpdate {
  incidentId: string;
  title: string;
  organizationId: string | null;
  /** For a campaign (organizationId null): every organisation the alert's events belong to. */
  organizationIds?: string[];
  ruleId: string;
  ruleTitle: string;
  entity: string;
  /** Every entity the alert names (`host.name=fs01`), merged into the incident's `entities`. */
  entities?: string[];
  severity: Severity;
  /** The ATT&CK tactics the alert's rule names (detectors/incidents/attack-tactics.ts). */
  tactics?: string[];
  /** The organisation is flagged critical in the registry: its stories weigh more. */
  organisationCritical?: boolean;
  alertId: string;
  eventCount: number;
  at: string;
  tags: string[];
  now: string;
}

export interface IncidentQuery {
  status?: IncidentStatus[];
  severity?: Severity[];
  organizationId?: string;
  ruleId?: string;
  from?: string;
  to?: string;
  text?: string;
  /** Only the incidents merged into this one. */
  mergedInto?: string;
  /** Only the incidents whose story names this entity (`source.ip=203.0.113.7`). */
  entity?: string;
  /** Only the children of this campaign. */
  campaignId?: string;
  /** Leave out the children of campaigns: the campaign stands for them (the CERT's queue). */
  topLevel?: boolean;
  sort?: 'lastSeen' | 'firstSeen' | 'severity' | 'createdAt';
  order?: 'asc' | 'desc';
  limit?: number;
  cursor?: string;
}

export interface IncidentPatch {
  status?: IncidentStatus;
  severity?: Severity;
  tlp?: Tlp;
  assignee?: string | null;
  title?: string;
  mergedInto?: string | null;
}

export interface IncidentStatsQuery {
  from: string;
  to: string;
  bucket: 'hour' | 'day';
}

/**
 * Dashboard figures over the incidents first seen in [from, to]. Every part counts the same set, so
 * the buckets of `overTime` add up to the sum of `byStatus`; a campaign counts once per organisation
 * in `byOrganisation` (only the caller's organisation for a scoped caller).
 */
export interface IncidentStats {
  /** Every UTC hour or day from the one holding `from` to the one holding `to`, empty ones included. */
  overTime: { at: string; counts: Record<Severity, number> }[];
  /** Most incidents first. */
  byOrganisation: { organizationId: string; count: number }[];
  /** Most incidents first; the top rules only. */
  byRule: { ruleId: string; ruleTitle: string; count: number }[];
  byStatus: Record<IncidentStatus, number>;
}

export interface IncidentStore {
  /**
   * Creates the incident if it does not exist and adds the alert to it. Idempotent: an alert id
   * already recorded changes nothing, so redelivery never inflates counts.
   */
  recordAlert(update: IncidentAlertUpdate): Promise<void>;
  /**
   * A batch of `recordAlert`s, in order, with one write per incident. An update whose incident an
   * analyst merged into another (`mergedInto`) goes to the merge target instead, following up to ten
   * merges. Idempotent like `recordAlert`.
   */
  recordAlerts(updates: IncidentAlertUpdate[]): Promise<void>;
  get(id: string, scope: Scope): Promise<Incident | undefined>;
  list(query: IncidentQuery, scope: Scope): Promise<Page<Incident>>;
  /**
   * Applies the patch only if the stored version still equals `expectedVersion`, else ConflictError.
   * A scoped caller changes only incidents of their organisation alone (`canChange`): a shared one
   * is NotFound to the write, inside the query, even when the caller may read it.
   */
  update(id: string, expectedVersion: number, patch: IncidentPatch, scope: Scope, now: string): Promise<Incident>;
  stats(query: IncidentStatsQuery, scope: Scope): Promise<IncidentStats>;
  /** What the incident recorder needs to know of these incidents, whatever the scope; unknown ids are absent. */
  heads(ids: string[]): Promise<Map<string, IncidentHead>>;
  /**
   * Story grouping found that `source` and `target` are one story: closes the source as merged into
   * the target (from then on its alerts go there), then folds the source's alerts, counts and
   * entities into the target. Idempotent; true when this call made the merge.
   */
  absorb(sourceId: string, targetId: string, now: string): Promise<boolean>;
  /**
   * Makes `childId` part of the campaign (creating the campaign from it when new): the child names
   * its campaign, the campaign lists the child and holds its alerts. A campaign belongs to no
   * organisation, so only the CERT sees it. Idempotent; true when this call made the link.
   */
  linkCampaign(campaignId: string, childId: string, title: string, now: string): Promise<boolean>;
}

export interface IncidentHead {
  status: IncidentStatus;
  mergedInto: string | null;
  campaignId: string | null;
}

/**
 * The incident recorder's decision state per organisation (and one for campaigns): small JSON
 * documents written with optimistic concurrency, so that recorders racing on one organisation
 * serialise their decisions and none is lost.
 */
export interface StoryStateStore {
  read(key: string): Promise<{ state: unknown; version: string } | undefined>;
  /** Writes only if the stored version is still `version` (undefined: only if none is stored); false when another writer came first. */
  write(key: string, state: unknown, version: string | undefined): Promise<boolean>;
}

export interface OrganisationStore {
  upsert(organisation: Organisation): Promise<void>;
  get(id: string, scope: Scope): Promise<Organisation | undefined>;
  list(scope: Scope): Promise<Organisation[]>;
}

export interface UserStore {
  upsert(user: User): Promise<void>;
  get(id: string): Promise<User | undefined>;
  findByUsername(username: string): Promise<User | undefined>;
  list(scope: Scope): Promise<User[]>;
}

export interface AuditStore {
  /** Appends atomically: sequence and hash chain stay intact under concurrent writers. */
  append(entry: AuditInput, at: string): Promise<AuditEntry>;
  list(options: { objectId?: string; limit?: number; afterSeq?: number }): Promise<AuditEntry[]>;
}

export interface LeaseStore {
  /**
   * Takes or renews the named lease for `holder` until `until`. Returns false when someone else
   * holds an unexpired lease. Scheduled jobs use it to run once across instances and restarts.
   */
  acquire(name: string, holder: string, now: Date, until: Date): Promise<boolean>;
}

/** Noise control (issue 17). An organisation scope sees only its own suppressions, not those for every organisation. */
export interface SuppressionStore {
  /** ConflictError when the id exists. */
  create(suppression: Suppression): Promise<void>;
  get(id: string, scope: Scope): Promise<Suppression | undefined>;
  /** Expired ones too, newest first. */
  list(scope: Scope): Promise<Suppression[]>;
  /** Moves `expiresAt` back to `at` unless it already lies before; the suppression as stored, undefined when not in scope. */
  expire(id: string, at: string, scope: Scope): Promise<Suppression | undefined>;
  /** Every organisation's suppressions unexpired at `now`: what the incident recorder filters alerts by. */
  active(now: Date): Promise<Suppression[]>;
}

export interface Store {
  events: EventStore;
  alerts: AlertStore;
  incidents: IncidentStore;
  stories: StoryStateStore;
  organisations: OrganisationStore;
  users: UserStore;
  audit: AuditStore;
  leases: LeaseStore;
  suppressions: SuppressionStore;
  /** Creates schemas/indices/migrations. Idempotent. */
  init(): Promise<void>;
  /** True when the backend answers; used by /readyz. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
