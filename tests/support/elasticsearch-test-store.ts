import { Client } from '@elastic/elasticsearch';
import { randomBytes } from 'node:crypto';
import { ElasticsearchStore } from '../../adapters/store/elasticsearch/elasticsearch-store.js';
import { silentLogger } from '../../core/logging.js';
import { ELASTICSEARCH_URL, requireService } from './services.js';

export interface ElasticsearchTestStore {
  store: ElasticsearchStore;
  /** The store's index prefix, for a second store on the same indices. */
  prefix: string;
  /** Makes every completed write searchable now instead of at the next refresh (1 s). */
  refresh(): Promise<void>;
  /** Closes the store and deletes its indices and index templates. */
  cleanup(): Promise<void>;
}

/**
 * Call in the body of a `describe` against the real server: the suite is skipped without one (see
 * requireService), and each call of the returned function opens a fresh, initialised store on a random
 * index prefix, so that suites and runs never see each other's documents.
 */
export function useElasticsearchTestStore(): () => Promise<ElasticsearchTestStore> {
  const admin = new Client({ node: ELASTICSEARCH_URL });

  before(async function () {
    await requireService(this, 'elasticsearch');
  });

  after(async () => {
    await admin.close();
  });

  return async () => {
    const prefix = `lagebild-test-${randomBytes(4).toString('hex')}`;
    const store = new ElasticsearchStore({ url: ELASTICSEARCH_URL, indexPrefix: prefix, logger: silentLogger() });
    await store.init();
    return {
      store,
      prefix,
      async refresh() {
        await admin.indices.refresh({ index: `${prefix}-*`, allow_no_indices: true, ignore_unavailable: true });
      },
      async cleanup() {
        await store.close();
        await admin.indices.delete({ index: `${prefix}-*`, allow_no_indices: true, ignore_unavailable: true, expand_wildcards: 'all' });
        await admin.indices.deleteIndexTemplate({ name: `${prefix}-*` });
      },
    };
  };
}
