import type { Client, estypes } from '@elastic/elasticsearch';
import type { EcsEvent } from '../../../core/domain/ecs.js';
import type { Scope } from '../../../core/domain/scope.js';
import type { Logger } from '../../../core/logging.js';
import type { EventStore } from '../../../core/ports/stores.js';
import { bulkWrite } from './bulk-write.js';
import type { IndexNames } from './index-names.js';
import { scopeFilter } from './scope-filter.js';
import { esRequest } from './translate-error.js';

const ID_CHUNK = 1000;
const DELETE_CHUNK = 5000;
const KEEP_CHUNK = 10_000;
const DAY_MS = 86_400_000;

export class EsEventStore implements EventStore {
  constructor(
    private readonly client: Client,
    private readonly names: IndexNames,
    private readonly logger: Logger,
  ) {}

  putMany(events: EcsEvent[], json?: readonly string[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    return bulkWrite(
      this.client,
      // The client sends a string body line verbatim; a line break inside it would split the bulk line.
      events.map((event, i) => {
        const text = json?.[i];
        return { index: this.names.event(event['@timestamp']), id: event.event.id, document: text !== undefined && !text.includes('\n') ? text : event };
      }),
      'event store',
      this.logger,
    );
  }

  async getMany(ids: string[], scope: Scope): Promise<EcsEvent[]> {
    const found: EcsEvent[] = [];
    // Chunks keep every request below the default result window of 10 000 hits.
    for (let start = 0; start < ids.length; start += ID_CHUNK) {
      const chunk = ids.slice(start, start + ID_CHUNK);
      const response = await esRequest('event store', () =>
        this.client.search<EcsEvent>({
          index: this.names.events,
          size: chunk.length,
          query: { bool: { filter: [{ ids: { values: chunk } }, ...scopeFilter(scope, 'organization.id')] } },
          sort: [{ '@timestamp': 'asc' }, { 'event.id': 'asc' }],
        }),
      );
      found.push(...response.hits.hits.flatMap((hit) => (hit._source === undefined ? [] : [hit._source])));
    }
    return found;
  }

  async count(scope: Scope): Promise<number> {
    const response = await esRequest('event store', () => this.client.count({ index: this.names.events, query: { bool: { filter: scopeFilter(scope, 'organization.id') } } }));
    return response.count;
  }

  /**
   * Retention by whole days where possible: a daily index that lies entirely before the cutoff and
   * holds no event to keep is dropped in one call; other indices lose their old events document by
   * document. (The delete-by-query API lives in a module that minimal distributions leave out.)
   */
  async deleteOlderThan(before: Date, keepIds: ReadonlySet<string> = new Set()): Promise<number> {
    const keep = keepClauses(keepIds);
    let deleted = 0;
    for (const index of await this.eventIndices()) {
      const day = this.names.dayOf(index);
      if (day !== undefined && day.getTime() >= before.getTime()) continue;
      const wholeDayOld = day !== undefined && day.getTime() + DAY_MS <= before.getTime();
      if (wholeDayOld && (keep.length === 0 || (await this.countIn(index, { bool: { should: keep, minimum_should_match: 1 } })) === 0)) {
        deleted += await this.countIn(index, { match_all: {} });
        await esRequest('event store', () => this.client.indices.delete({ index }));
        continue;
      }
      deleted += await this.deleteDocuments(index, { bool: { filter: [{ range: { '@timestamp': { lt: before.toISOString() } } }], must_not: keep } });
    }
    return deleted;
  }

  private async eventIndices(): Promise<string[]> {
    const response = await esRequest('event store', () => this.client.indices.get({ index: this.names.events, allow_no_indices: true, ignore_unavailable: true }));
    return Object.keys(response);
  }

  private async countIn(index: string, query: estypes.QueryDslQueryContainer): Promise<number> {
    return (await esRequest('event store', () => this.client.count({ index, query }))).count;
  }

  private async deleteDocuments(index: string, query: estypes.QueryDslQueryContainer): Promise<number> {
    let deleted = 0;
    for (;;) {
      const response = await esRequest('event store', () => this.client.search({ index, size: DELETE_CHUNK, query, _source: false }));
      const ids = response.hits.hits.flatMap((hit) => (hit._id === undefined ? [] : [hit._id]));
      if (ids.length === 0) return deleted;
      // refresh: the next search must no longer see what this round deleted.
      const result = await esRequest('event store', () => this.client.bulk({ refresh: true, operations: ids.map((id) => ({ delete: { _index: index, _id: id } })) }));
      const round = result.items.filter((item) => item.delete?.result === 'deleted').length;
      deleted += round;
      if (ids.length < DELETE_CHUNK || round === 0) return deleted;
    }
  }
}

/** Terms queries are capped (index.max_terms_count); a long keep list becomes several clauses. */
function keepClauses(keepIds: ReadonlySet<string>): estypes.QueryDslQueryContainer[] {
  const ids = [...keepIds];
  const clauses: estypes.QueryDslQueryContainer[] = [];
  for (let start = 0; start < ids.length; start += KEEP_CHUNK) clauses.push({ terms: { 'event.id': ids.slice(start, start + KEEP_CHUNK) } });
  return clauses;
}
