import type { Client, estypes } from '@elastic/elasticsearch';
import type { Alert } from '../../../core/domain/alert.js';
import { canSee, type Scope } from '../../../core/domain/scope.js';
import type { Logger } from '../../../core/logging.js';
import type { AlertQuery, AlertStore, Page } from '../../../core/ports/stores.js';
import { bulkWrite } from './bulk-write.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { IndexNames } from './index-names.js';
import { scopeFilter } from './scope-filter.js';
import { totalOf } from './total-of.js';
import { esRequest } from './translate-error.js';

const ID_CHUNK = 1000;
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;
const SORT: estypes.SortCombinations[] = [{ '@timestamp': 'desc' }, { 'alert.id': 'desc' }];

export class EsAlertStore implements AlertStore {
  constructor(
    private readonly client: Client,
    private readonly names: IndexNames,
    private readonly logger: Logger,
  ) {}

  putMany(alerts: Alert[]): Promise<void> {
    if (alerts.length === 0) return Promise.resolve();
    return bulkWrite(
      this.client,
      alerts.map((alert) => ({ index: this.names.alert(alert['@timestamp']), id: alert.alert.id, document: alert })),
      'alert store',
      this.logger,
    );
  }

  /** A realtime multi-get: the daily index follows from the timestamp, so no refresh is needed to find the alert. */
  async getRecent(refs: { id: string; at: string }[], scope: Scope): Promise<Alert[]> {
    if (refs.length === 0) return [];
    const response = await esRequest('alert store', () => this.client.mget<Alert>({ docs: refs.map((ref) => ({ _index: this.names.alert(ref.at), _id: ref.id })) }));
    return response.docs.flatMap((doc) => ('found' in doc && doc.found && doc._source !== undefined && canSee(scope, [doc._source.organization.id]) ? [doc._source] : []));
  }

  async get(id: string, scope: Scope): Promise<Alert | undefined> {
    const [alert] = await this.getMany([id], scope);
    return alert;
  }

  async getMany(ids: string[], scope: Scope): Promise<Alert[]> {
    const found: Alert[] = [];
    // Chunks keep every request below the default result window of 10 000 hits.
    for (let start = 0; start < ids.length; start += ID_CHUNK) {
      const chunk = ids.slice(start, start + ID_CHUNK);
      const response = await esRequest('alert store', () =>
        this.client.search<Alert>({
          index: this.names.alerts,
          size: chunk.length,
          query: { bool: { filter: [{ ids: { values: chunk } }, ...scopeFilter(scope, 'organization.id')] } },
          sort: SORT,
        }),
      );
      found.push(...response.hits.hits.flatMap((hit) => (hit._source === undefined ? [] : [hit._source])));
    }
    return found;
  }

  async search(query: AlertQuery, scope: Scope): Promise<Page<Alert>> {
    const limit = Math.min(Math.max(query.limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT);
    const filter: estypes.QueryDslQueryContainer[] = [...scopeFilter(scope, 'organization.id')];
    if (query.organizationId !== undefined) filter.push({ term: { 'organization.id': query.organizationId } });
    if (query.ruleId !== undefined) filter.push({ term: { 'rule.id': query.ruleId } });
    if (query.from !== undefined || query.to !== undefined) filter.push({ range: { '@timestamp': { gte: query.from, lte: query.to } } });
    const searchAfter = query.cursor === undefined ? undefined : decodeCursor(query.cursor, '@timestamp');
    const response = await esRequest('alert store', () =>
      this.client.search<Alert>({
        index: this.names.alerts,
        size: limit + 1,
        query: { bool: { filter } },
        sort: SORT,
        track_total_hits: true,
        ...(searchAfter === undefined ? {} : { search_after: searchAfter }),
      }),
    );
    const hits = response.hits.hits;
    const page = hits.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = hits.length > limit && last?.sort !== undefined ? encodeCursor('@timestamp', last.sort) : undefined;
    return {
      items: page.flatMap((hit) => (hit._source === undefined ? [] : [hit._source])),
      total: totalOf(response.hits.total),
      ...(nextCursor === undefined ? {} : { nextCursor }),
    };
  }
}
