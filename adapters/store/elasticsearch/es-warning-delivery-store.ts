import type { Client } from '@elastic/elasticsearch';
import type { Scope } from '../../../core/domain/scope.js';
import type { DeliveryTally, WarningDelivery } from '../../../core/domain/warning.js';
import { LagebildError, UnavailableError } from '../../../core/errors.js';
import type { WarningDeliveryStore } from '../../../core/ports/warning-stores.js';
import type { IndexNames } from './index-names.js';
import { scopeFilter } from './scope-filter.js';
import { esRequest, isNotFound, isVersionConflict, translateError } from './translate-error.js';

/** A warning reaches at most the whole constituency (~450 organisations); one search returns them all. */
const MAX_DELIVERIES = 10_000;
/** Enough for every officer of one organisation clicking "acknowledge" at once. */
const MAX_CHANGE_ATTEMPTS = 50;

interface TallyAggregations {
  warnings: { buckets: { key: string; doc_count: number; read: { doc_count: number }; acknowledged: { doc_count: number } }[] };
}

interface ChangeResult {
  delivery: WarningDelivery | undefined;
  changed: boolean;
}

/**
 * One document per (warning, organisation), id `warningId:organizationId`. State changes read the
 * delivery in realtime, decide, and write only if nobody wrote since (`if_seq_no`); a loser reads
 * again and decides on what the winner wrote, so "only the first time" holds across processes.
 * Every write waits for the refresh: the acknowledgement overview searches.
 */
export class EsWarningDeliveryStore implements WarningDeliveryStore {
  constructor(
    private readonly client: Client,
    private readonly names: IndexNames,
  ) {}

  /** `create` per item: an existing delivery answers 409 and is kept as it is. */
  async putMany(deliveries: WarningDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    const operations = deliveries.flatMap((delivery) => [{ create: { _index: this.names.warningDeliveries, _id: documentId(delivery.warningId, delivery.organizationId) } }, delivery]);
    const response = await esRequest('warning delivery store', () => this.client.bulk({ operations, refresh: 'wait_for' }));
    if (!response.errors) return;
    const failed = response.items.map((item) => item.create).find((result) => result?.error !== undefined && result.status !== 409);
    if (failed === undefined) return;
    const reason = [failed.error?.type, failed.error?.reason].filter(Boolean).join(': ');
    // Every item is a create by id, so sending the whole batch again (the caller's retry) is safe.
    if (failed.status === 429 || failed.status >= 500) throw new UnavailableError(`warning delivery store (${reason})`);
    throw new LagebildError('store_rejected', `warning delivery store: ${reason || `status ${failed.status}`}`, { status: 400 });
  }

  async list(warningId: string, scope: Scope): Promise<WarningDelivery[]> {
    const response = await esRequest('warning delivery store', () =>
      this.client.search<WarningDelivery>({
        index: this.names.warningDeliveries,
        size: MAX_DELIVERIES,
        query: { bool: { filter: [{ term: { warningId } }, ...scopeFilter(scope, 'organizationId')] } },
        sort: [{ organizationId: 'asc' }],
      }),
    );
    return response.hits.hits.flatMap((hit) => (hit._source === undefined ? [] : [hit._source]));
  }

  /** A null `readAt` or `acknowledgedAt` is not indexed, so `exists` counts exactly the set ones. */
  async tally(warningIds: readonly string[], scope: Scope): Promise<Map<string, DeliveryTally>> {
    const tallies = new Map<string, DeliveryTally>();
    const ids = [...new Set(warningIds)];
    if (ids.length === 0) return tallies;
    const response = await esRequest('warning delivery store', () =>
      this.client.search<WarningDelivery, TallyAggregations>({
        index: this.names.warningDeliveries,
        size: 0,
        query: { bool: { filter: [{ terms: { warningId: ids } }, ...scopeFilter(scope, 'organizationId')] } },
        aggs: {
          warnings: {
            terms: { field: 'warningId', size: ids.length },
            aggs: { read: { filter: { exists: { field: 'readAt' } } }, acknowledged: { filter: { exists: { field: 'acknowledgedAt' } } } },
          },
        },
      }),
    );
    for (const bucket of response.aggregations?.warnings.buckets ?? []) tallies.set(bucket.key, { addressed: bucket.doc_count, read: bucket.read.doc_count, acknowledged: bucket.acknowledged.doc_count });
    return tallies;
  }

  async recordMail(warningId: string, organizationId: string, mailedTo: string[], mailError: string | null): Promise<void> {
    await this.change(warningId, organizationId, (delivery) => ({ ...delivery, mailedTo, mailError }));
  }

  async markRead(warningId: string, organizationId: string, userId: string, at: string): Promise<boolean> {
    return (await this.change(warningId, organizationId, (delivery) => (delivery.readAt === null ? { ...delivery, readAt: at, readBy: userId } : undefined))).changed;
  }

  async acknowledge(warningId: string, organizationId: string, userId: string, at: string): Promise<WarningDelivery | undefined> {
    const result = await this.change(warningId, organizationId, (delivery) =>
      delivery.acknowledgedAt === null
        ? // Acknowledging implies having read it, even if the first read came through mail only.
          { ...delivery, acknowledgedAt: at, acknowledgedBy: userId, readAt: delivery.readAt ?? at, readBy: delivery.readBy ?? userId }
        : undefined,
    );
    return result.delivery;
  }

  async markEscalated(warningId: string, organizationId: string, at: string): Promise<boolean> {
    return (await this.change(warningId, organizationId, (delivery) => (delivery.escalatedAt === null ? { ...delivery, escalatedAt: at } : undefined))).changed;
  }

  /** `apply` answers the next state, or undefined when there is nothing to change. */
  private async change(warningId: string, organizationId: string, apply: (delivery: WarningDelivery) => WarningDelivery | undefined): Promise<ChangeResult> {
    const id = documentId(warningId, organizationId);
    for (let attempt = 1; attempt <= MAX_CHANGE_ATTEMPTS; attempt += 1) {
      const current = await this.read(id);
      if (current === undefined) return { delivery: undefined, changed: false };
      const next = apply(current.delivery);
      if (next === undefined) return { delivery: current.delivery, changed: false };
      try {
        await this.client.index({ index: this.names.warningDeliveries, id, document: next, if_seq_no: current.seqNo, if_primary_term: current.primaryTerm, refresh: 'wait_for' });
        return { delivery: next, changed: true };
      } catch (error) {
        if (!isVersionConflict(error)) throw translateError(error, 'warning delivery store');
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * Math.min(attempt, 10)));
      }
    }
    throw new UnavailableError(`warning delivery store (delivery ${id} stayed contended)`);
  }

  /** A realtime get: it sees the latest write even before the index refreshes. */
  private async read(id: string): Promise<{ delivery: WarningDelivery; seqNo: number; primaryTerm: number } | undefined> {
    try {
      const response = await this.client.get<WarningDelivery>({ index: this.names.warningDeliveries, id });
      if (!response.found || response._source === undefined || response._seq_no === undefined || response._primary_term === undefined) return undefined;
      return { delivery: response._source, seqNo: response._seq_no, primaryTerm: response._primary_term };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw translateError(error, 'warning delivery store');
    }
  }
}

function documentId(warningId: string, organizationId: string): string {
  return `${warningId}:${organizationId}`;
}
