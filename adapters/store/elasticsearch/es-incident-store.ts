import type { Client, estypes } from '@elastic/elasticsearch';
import { LEVEL_ORDER } from '../../../core/domain/alert.js';
import type { Incident } from '../../../core/domain/incident.js';
import { canChange, canSee, type Scope } from '../../../core/domain/scope.js';
import { ConflictError, LagebildError, NotFoundError, UnavailableError } from '../../../core/errors.js';
import type { IncidentAlertUpdate, IncidentHead, IncidentPatch, IncidentQuery, IncidentStats, IncidentStatsQuery, IncidentStore, Page } from '../../../core/ports/stores.js';
import { assembleIncidentStats } from '../assemble-incident-stats.js';
import { absorbDocument, campaignDocument, foldAlert, type IncidentDocument } from '../fold-alert.js';
import { isoTime } from '../iso-time.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { IndexNames } from './index-names.js';
import { scopeFilter } from './scope-filter.js';
import { totalOf } from './total-of.js';
import { esRequest, isNotFound, isVersionConflict, translateError } from './translate-error.js';

/** The stored document: the incident plus the severity as a number, so that it sorts by rank. */
type IncidentSource = Incident & { severityRank: number };

interface Versioned {
  incident: Incident;
  seqNo: number;
  primaryTerm: number;
}

const SORT_FIELDS = { lastSeen: 'lastSeen', firstSeen: 'firstSeen', severity: 'severityRank', createdAt: 'createdAt' } as const;
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;
/** Enough for a burst of alerts on one incident from several detector instances at once. */
const MAX_RECORD_ATTEMPTS = 50;
/** Merges chain (A into B, later B into C); the bound only guards against a cycle an operator made by hand. */
const MAX_MERGE_HOPS = 10;
/** The top rules a dashboard shows; organisations are all of them (the constituency is ~450). */
const MAX_STATS_RULES = 50;
const MAX_STATS_ORGANISATIONS = 2000;

interface KeyedBucket<K> {
  key: K;
  doc_count: number;
}

interface StatsAggregations {
  overTime: { buckets: (KeyedBucket<number> & { severity: { buckets: KeyedBucket<string>[] } })[] };
  byOrganisation: { buckets: KeyedBucket<string>[] };
  byRule: { buckets: (KeyedBucket<string> & { title: { hits: { hits: { _source?: { ruleTitle?: string } }[] } } })[] };
  byStatus: { buckets: KeyedBucket<string>[] };
}

export class EsIncidentStore implements IncidentStore {
  constructor(
    private readonly client: Client,
    private readonly names: IndexNames,
  ) {}

  /**
   * Read, fold, write back only if nobody wrote in between (`if_seq_no`), else read again. The alert id
   * list in the document is what makes a redelivered alert a no-op. This needs no server-side script,
   * so it also runs on distributions without the painless module.
   */
  async recordAlert(update: IncidentAlertUpdate): Promise<void> {
    for (let attempt = 1; attempt <= MAX_RECORD_ATTEMPTS; attempt += 1) {
      const current = await this.read(update.incidentId);
      if (current?.incident.alertIds.includes(update.alertId)) return;
      const next = current === undefined ? { ...foldAlert(undefined, update), alertIds: [update.alertId] } : folded(current.incident, update);
      try {
        await this.client.index({
          index: this.names.incidents,
          id: update.incidentId,
          document: toSource(next),
          refresh: false,
          ...(current === undefined ? { op_type: 'create' as const } : { if_seq_no: current.seqNo, if_primary_term: current.primaryTerm }),
        });
        return;
      } catch (error) {
        if (!isVersionConflict(error)) throw translateError(error, 'incident store');
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * Math.min(attempt, 10)));
      }
    }
    throw new UnavailableError(`incident store (incident ${update.incidentId} stayed contended)`);
  }

  /**
   * The batch form of `recordAlert`: one realtime multi-get per round of merge redirects, then one bulk
   * request that writes each incident once, guarded by its sequence number (or `create` for a new one).
   * Incidents whose write lost a race are read, folded and written again; the others stay written.
   */
  async recordAlerts(updates: IncidentAlertUpdate[]): Promise<void> {
    let pending = await this.groupByMergeTarget(updates);
    for (let attempt = 1; pending.size > 0; attempt += 1) {
      if (attempt > MAX_RECORD_ATTEMPTS) throw new UnavailableError(`incident store (${pending.size} incidents stayed contended)`);
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * Math.min(attempt, 10)));
      const current = await this.readMany([...pending.keys()]);
      const writes: { id: string; next: Incident; current: Versioned | undefined }[] = [];
      for (const [id, group] of pending) {
        const next = foldAll(current.get(id), id, group);
        if (next !== undefined) writes.push({ id, next, current: current.get(id) });
      }
      if (writes.length === 0) return;
      const response = await esRequest('incident store', () =>
        this.client.bulk({
          refresh: false,
          operations: writes.flatMap(({ id, next, current: versioned }) => [
            versioned === undefined
              ? { create: { _index: this.names.incidents, _id: id } }
              : { index: { _index: this.names.incidents, _id: id, if_seq_no: versioned.seqNo, if_primary_term: versioned.primaryTerm } },
            toSource(next),
          ]),
        }),
      );
      const retry = new Map<string, IncidentAlertUpdate[]>();
      if (response.errors) {
        response.items.forEach((item, position) => {
          const result = item.index ?? item.create;
          if (result?.error === undefined) return;
          const id = writes[position]!.id;
          if (result.status === 409 || result.status === 429 || result.status >= 500) retry.set(id, pending.get(id)!);
          else throw new LagebildError('store_rejected', `incident store: incident ${id} rejected: ${[result.error.type, result.error.reason].filter(Boolean).join(': ')}`, { status: 400 });
        });
      }
      // A lost race may have been a merge: the retry asks again where each update belongs.
      pending = retry.size === 0 ? retry : await this.groupByMergeTarget([...retry.values()].flat());
    }
  }

  async heads(ids: string[]): Promise<Map<string, IncidentHead>> {
    const read = await this.readMany([...new Set(ids)]);
    return new Map([...read].map(([id, { incident }]) => [id, { status: incident.status, mergedInto: incident.mergedInto ?? null, campaignId: incident.campaignId ?? null }]));
  }

  /**
   * Closes the source first (guarded by its sequence number): from then on every fold follows its
   * `mergedInto` to the target, so the source's alert list is final when it is folded. A retry after
   * a crash between the two steps finds the source closed into this target and folds again; the
   * alert-id union makes that fold idempotent.
   */
  async absorb(sourceId: string, targetId: string, now: string): Promise<boolean> {
    if (sourceId === targetId) return false;
    let merged = false;
    const closed = await this.rewrite(sourceId, (source) => {
      if (source === undefined || (source.mergedInto && source.mergedInto !== targetId)) return 'stop';
      if (source.mergedInto === targetId) return 'keep';
      merged = true;
      return { ...source, status: 'closed', mergedInto: targetId, updatedAt: now, version: source.version + 1 };
    });
    if (!closed) return false;
    const source = (await this.read(sourceId))!.incident;
    await this.rewrite(targetId, (target) => (target === undefined || target.mergedInto ? 'stop' : takenIn(target, source, absorbDocument(withoutAlertIds(target), withoutAlertIds(source), now))));
    return merged;
  }

  async linkCampaign(campaignId: string, childId: string, title: string, now: string): Promise<boolean> {
    let linked = false;
    const marked = await this.rewrite(childId, (child) => {
      if (child === undefined || child.childIds !== undefined || (child.campaignId && child.campaignId !== campaignId)) return 'stop';
      if (child.campaignId === campaignId) return 'keep';
      linked = true;
      return { ...child, campaignId, updatedAt: now, version: child.version + 1 };
    });
    if (!marked) return false;
    const child = (await this.read(childId))!.incident;
    await this.rewrite(campaignId, (campaign) => {
      if (campaign === undefined) return { ...campaignDocument(campaignId, withoutAlertIds(child), title, now), childIds: [childId], alertIds: [...child.alertIds] };
      const childIds = campaign.childIds?.includes(childId) ? campaign.childIds : [...(campaign.childIds ?? []), childId];
      const next = takenIn(campaign, child, { ...absorbDocument(withoutAlertIds(campaign), withoutAlertIds(child), now), organizationIds: [], childIds });
      return next === 'keep' && childIds !== campaign.childIds ? { ...campaign, childIds, updatedAt: now, version: campaign.version + 1 } : next;
    });
    return linked;
  }

  /**
   * Read, change, write back guarded by the sequence number (or `create`), again on a lost race.
   * The change answers 'keep' when the document is already as wanted and 'stop' when it must not be
   * touched; true unless it stopped.
   */
  private async rewrite(id: string, change: (current: Incident | undefined) => Incident | 'keep' | 'stop'): Promise<boolean> {
    for (let attempt = 1; attempt <= MAX_RECORD_ATTEMPTS; attempt += 1) {
      const current = await this.read(id);
      const next = change(current?.incident);
      if (next === 'stop') return false;
      if (next === 'keep') return true;
      try {
        await this.client.index({
          index: this.names.incidents,
          id,
          document: toSource(next),
          refresh: false,
          ...(current === undefined ? { op_type: 'create' as const } : { if_seq_no: current.seqNo, if_primary_term: current.primaryTerm }),
        });
        return true;
      } catch (error) {
        if (!isVersionConflict(error)) throw translateError(error, 'incident store');
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * Math.min(attempt, 10)));
      }
    }
    throw new UnavailableError(`incident store (incident ${id} stayed contended)`);
  }

  async get(id: string, scope: Scope): Promise<Incident | undefined> {
    const current = await this.read(id);
    return current !== undefined && canSee(scope, current.incident.organizationIds) ? current.incident : undefined;
  }

  async list(query: IncidentQuery, scope: Scope): Promise<Page<Incident>> {
    const sort = query.sort ?? 'lastSeen';
    const order = query.order ?? 'desc';
    const limit = Math.min(Math.max(query.limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT);
    const searchAfter = query.cursor === undefined ? undefined : decodeCursor(query.cursor, sort);
    const response = await esRequest('incident store', () =>
      this.client.search<IncidentSource>({
        index: this.names.incidents,
        size: limit + 1,
        query: { bool: { filter: filters(query, scope) } },
        sort: [{ [SORT_FIELDS[sort]]: order }, { id: order }],
        track_total_hits: true,
        ...(searchAfter === undefined ? {} : { search_after: searchAfter }),
      }),
    );
    const hits = response.hits.hits;
    const page = hits.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = hits.length > limit && last?.sort !== undefined ? encodeCursor(sort, last.sort) : undefined;
    return {
      items: page.flatMap((hit) => (hit._source === undefined ? [] : [fromSource(hit._source)])),
      total: totalOf(response.hits.total),
      ...(nextCursor === undefined ? {} : { nextCursor }),
    };
  }

  async update(id: string, expectedVersion: number, patch: IncidentPatch, scope: Scope, now: string): Promise<Incident> {
    const current = await this.read(id);
    if (current === undefined || !canChange(scope, current.incident.organizationIds)) throw new NotFoundError(`incident ${id}`);
    if (current.incident.version !== expectedVersion) throw new ConflictError(`incident ${id} is at version ${current.incident.version}, not ${expectedVersion}`);
    const changes = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as IncidentPatch;
    const next: Incident = { ...current.incident, ...changes, updatedAt: now, version: expectedVersion + 1 };
    // The sequence number catches the writer who read the same version a moment earlier; wait_for
    // lets the analyst see their own change in the next list.
    await esRequest('incident store', () =>
      this.client.index({
        index: this.names.incidents,
        id,
        document: toSource(next),
        if_seq_no: current.seqNo,
        if_primary_term: current.primaryTerm,
        refresh: 'wait_for',
      }),
    );
    return next;
  }

  /**
   * One search, four aggregations over the same filtered set. A scoped caller's organisation terms
   * are limited to their own: a campaign's other organisations must not appear in their dashboard.
   */
  async stats(query: IncidentStatsQuery, scope: Scope): Promise<IncidentStats> {
    const from = isoTime(query.from);
    const to = isoTime(query.to);
    const response = await esRequest('incident store', () =>
      this.client.search<IncidentSource, StatsAggregations>({
        index: this.names.incidents,
        size: 0,
        query: { bool: { filter: [...scopeFilter(scope, 'organizationIds'), { range: { firstSeen: { gte: from, lte: to } } }] } },
        aggs: {
          overTime: {
            date_histogram: { field: 'firstSeen', calendar_interval: query.bucket === 'hour' ? '1h' : '1d', time_zone: 'UTC', min_doc_count: 1 },
            aggs: { severity: { terms: { field: 'severity', size: LEVEL_ORDER.length } } },
          },
          byOrganisation: {
            terms: { field: 'organizationIds', size: MAX_STATS_ORGANISATIONS, ...(scope.kind === 'organisation' ? { include: [scope.organizationId] } : {}) },
          },
          byRule: {
            terms: { field: 'ruleId', size: MAX_STATS_RULES, order: [{ _count: 'desc' }, { _key: 'asc' }] },
            aggs: { title: { top_hits: { size: 1, _source: { includes: ['ruleTitle'] } } } },
          },
          byStatus: { terms: { field: 'status', size: 20 } },
        },
      }),
    );
    const aggregations = response.aggregations;
    if (aggregations === undefined) throw new UnavailableError('incident store (no aggregations in the answer)');
    return assembleIncidentStats(query, {
      overTime: aggregations.overTime.buckets.flatMap((bucket) =>
        bucket.severity.buckets.map((severity) => ({ at: new Date(bucket.key).toISOString(), severity: severity.key, count: severity.doc_count })),
      ),
      byOrganisation: aggregations.byOrganisation.buckets.map((bucket) => ({ organizationId: bucket.key, count: bucket.doc_count })),
      byRule: aggregations.byRule.buckets.map((bucket) => ({ ruleId: bucket.key, ruleTitle: bucket.title.hits.hits[0]?._source?.ruleTitle ?? bucket.key, count: bucket.doc_count })),
      byStatus: aggregations.byStatus.buckets.map((bucket) => ({ status: bucket.key, count: bucket.doc_count })),
    });
  }

  /** Groups the updates by the incident they end up in, following `mergedInto` one multi-get per hop. */
  private async groupByMergeTarget(updates: IncidentAlertUpdate[]): Promise<Map<string, IncidentAlertUpdate[]>> {
    const target = new Map<string, string>(updates.map((update) => [update.incidentId, update.incidentId]));
    let unresolved = [...target.keys()];
    for (let hops = 0; hops < MAX_MERGE_HOPS && unresolved.length > 0; hops += 1) {
      const read = await this.readMany([...new Set(unresolved.map((id) => target.get(id)!))]);
      const next: string[] = [];
      for (const id of unresolved) {
        const mergedInto = read.get(target.get(id)!)?.incident.mergedInto;
        if (typeof mergedInto !== 'string') continue;
        target.set(id, mergedInto);
        next.push(id);
      }
      unresolved = next;
    }
    const groups = new Map<string, IncidentAlertUpdate[]>();
    for (const update of updates) {
      const id = target.get(update.incidentId)!;
      const group = groups.get(id);
      if (group === undefined) groups.set(id, [update]);
      else group.push(update);
    }
    return groups;
  }

  /** Realtime multi-get: like `read`, it sees writes the index has not refreshed yet. */
  private async readMany(ids: string[]): Promise<Map<string, Versioned>> {
    const found = new Map<string, Versioned>();
    if (ids.length === 0) return found;
    const response = await esRequest('incident store', () => this.client.mget<IncidentSource>({ index: this.names.incidents, ids }));
    for (const doc of response.docs) {
      if (!('found' in doc) || !doc.found || doc._source === undefined || doc._seq_no === undefined || doc._primary_term === undefined) continue;
      found.set(doc._id, { incident: fromSource(doc._source), seqNo: doc._seq_no, primaryTerm: doc._primary_term });
    }
    return found;
  }

  /** A realtime get: it sees the latest write even before the index refreshes. */
  private async read(id: string): Promise<Versioned | undefined> {
    try {
      const response = await this.client.get<IncidentSource>({ index: this.names.incidents, id });
      if (!response.found || response._source === undefined || response._seq_no === undefined || response._primary_term === undefined) return undefined;
      return { incident: fromSource(response._source), seqNo: response._seq_no, primaryTerm: response._primary_term };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw translateError(error, 'incident store');
    }
  }
}

/**
 * The target with the source's alerts added: 'keep' when it holds them all already (a retried fold).
 * Counts follow the alert-id union, so a fold that is repeated never counts twice.
 */
function takenIn(target: Incident, source: Incident, combined: IncidentDocument): Incident | 'keep' {
  const known = new Set(target.alertIds);
  const added = source.alertIds.filter((id) => !known.has(id));
  if (added.length === 0) return 'keep';
  const eventCount = target.eventCount + Math.round((source.eventCount * added.length) / Math.max(source.alertIds.length, 1));
  return { ...combined, alertIds: [...target.alertIds, ...added], alertCount: target.alertIds.length + added.length, eventCount };
}

function folded(incident: Incident, update: IncidentAlertUpdate): Incident {
  const { alertIds, ...document } = incident;
  return { ...foldAlert(document, update), alertIds: [...alertIds, update.alertId] };
}

/** Folds the updates not yet in the incident, in order; undefined when none is new (a redelivery). */
function foldAll(current: Versioned | undefined, incidentId: string, updates: IncidentAlertUpdate[]): Incident | undefined {
  const known = new Set(current?.incident.alertIds);
  let document: IncidentDocument | undefined = current === undefined ? undefined : withoutAlertIds(current.incident);
  const added: string[] = [];
  for (const update of updates) {
    if (known.has(update.alertId)) continue;
    known.add(update.alertId);
    document = foldAlert(document, { ...update, incidentId });
    added.push(update.alertId);
  }
  return document === undefined || added.length === 0 ? undefined : { ...document, alertIds: [...(current?.incident.alertIds ?? []), ...added] };
}

function withoutAlertIds(incident: Incident): IncidentDocument {
  const document: IncidentDocument & { alertIds?: string[] } = { ...incident };
  delete document.alertIds;
  return document;
}

function toSource(incident: Incident): IncidentSource {
  return { ...incident, severityRank: LEVEL_ORDER.indexOf(incident.severity) };
}

function fromSource(source: IncidentSource): Incident {
  const incident: Incident & { severityRank?: number } = { ...source };
  delete incident.severityRank;
  return incident;
}

function filters(query: IncidentQuery, scope: Scope): estypes.QueryDslQueryContainer[] {
  const filter: estypes.QueryDslQueryContainer[] = [...scopeFilter(scope, 'organizationIds')];
  if (query.organizationId !== undefined) filter.push({ term: { organizationIds: query.organizationId } });
  if (query.status !== undefined && query.status.length > 0) filter.push({ terms: { status: query.status } });
  if (query.severity !== undefined && query.severity.length > 0) filter.push({ terms: { severity: query.severity } });
  if (query.ruleId !== undefined) filter.push({ term: { ruleId: query.ruleId } });
  if (query.mergedInto !== undefined) filter.push({ term: { mergedInto: query.mergedInto } });
  if (query.entity !== undefined) filter.push({ term: { entities: query.entity } });
  if (query.campaignId !== undefined) filter.push({ term: { campaignId: query.campaignId } });
  if (query.topLevel === true) filter.push({ bool: { must_not: { exists: { field: 'campaignId' } } } });
  // from/to select the incidents active in the window: seen last after `from`, seen first before `to`.
  if (query.from !== undefined) filter.push({ range: { lastSeen: { gte: isoTime(query.from) } } });
  if (query.to !== undefined) filter.push({ range: { firstSeen: { lte: isoTime(query.to) } } });
  const text = query.text?.trim();
  if (text !== undefined && text !== '') {
    filter.push({
      bool: {
        should: [{ multi_match: { query: text, fields: ['title', 'ruleTitle', 'entity.text'], operator: 'and' } }, { term: { ruleId: text } }, { term: { entity: text } }],
        minimum_should_match: 1,
      },
    });
  }
  return filter;
}
