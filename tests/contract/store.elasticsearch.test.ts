import { Client } from '@elastic/elasticsearch';
import { randomBytes } from 'node:crypto';
import { ElasticsearchStore } from '../../adapters/store/elasticsearch/ElasticsearchStore.js';
import { silentLogger } from '../../core/logging.js';
import type { Store } from '../../core/ports/stores.js';
import { ELASTICSEARCH_URL, requireService } from '../support/services.js';
import { storeContract } from './store.contract.js';

/** Calls that write; the wrapper below refreshes after them. */
const WRITES = new Set(['putMany', 'recordAlert', 'update', 'upsert', 'append', 'acquire', 'deleteOlderThan']);

/**
 * Elasticsearch makes writes searchable at the next refresh (1 s); production readers live with that,
 * the contract reads right after writing. Refreshing after every write makes the adapter's own
 * logic, not the refresh timer, decide the outcome.
 */
function refreshingAfterWrites(store: Store, refresh: () => Promise<unknown>): Store {
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value: unknown = Reflect.get(object, property, receiver);
        if (typeof value !== 'function' || typeof property !== 'string' || !WRITES.has(property)) return value;
        return async (...args: unknown[]) => {
          try {
            return await (value as (...parameters: unknown[]) => Promise<unknown>).apply(object, args);
          } finally {
            await refresh();
          }
        };
      },
    });
  return Object.assign(Object.create(Object.getPrototypeOf(store) as object) as Store, store, {
    events: wrap(store.events),
    alerts: wrap(store.alerts),
    incidents: wrap(store.incidents),
    organisations: wrap(store.organisations),
    users: wrap(store.users),
    audit: wrap(store.audit),
    leases: wrap(store.leases),
  });
}

describe('contract > store > elasticsearch (real server)', function () {
  this.timeout(120_000);
  const admin = new Client({ node: ELASTICSEARCH_URL });

  before(async function () {
    await requireService(this, 'elasticsearch');
  });

  after(async () => {
    await admin.close();
  });

  storeContract('elasticsearch', async () => {
    const prefix = `lagebild-test-${randomBytes(4).toString('hex')}`;
    const store = new ElasticsearchStore({ url: ELASTICSEARCH_URL, indexPrefix: prefix, logger: silentLogger() });
    await store.init();
    const refresh = () => admin.indices.refresh({ index: `${prefix}-*`, allow_no_indices: true, ignore_unavailable: true });
    return {
      store: refreshingAfterWrites(store, refresh),
      cleanup: async () => {
        await store.close();
        await admin.indices.delete({ index: `${prefix}-*`, allow_no_indices: true, ignore_unavailable: true, expand_wildcards: 'all' });
        await admin.indices.deleteIndexTemplate({ name: `${prefix}-*` });
      },
    };
  });
});
