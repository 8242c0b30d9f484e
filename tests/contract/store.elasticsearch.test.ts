import type { Store } from '../../core/ports/stores.js';
import { useElasticsearchTestStore } from '../support/elasticsearch-test-store.js';
import { storeContract } from './store.contract.js';

/** Calls that write; the wrapper below refreshes after them. */
const WRITES = new Set(['putMany', 'recordAlert', 'update', 'upsert', 'append', 'acquire', 'deleteOlderThan']);

/**
 * Elasticsearch makes writes searchable at the next refresh (1 s); production readers live with that,
 * the contract reads right after writing. Refreshing after every write makes the adapter's own
 * logic, not the refresh timer, decide the outcome.
 */
function refreshingAfterWrites(store: Store, refresh: () => Promise<void>): Store {
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
  const openStore = useElasticsearchTestStore();

  storeContract('elasticsearch', async () => {
    const { store, refresh, cleanup } = await openStore();
    return { store: refreshingAfterWrites(store, refresh), cleanup };
  });
});
