import { Client } from '@elastic/elasticsearch';
import { randomBytes } from 'node:crypto';
import { ElasticsearchStore } from '../../adapters/store/elasticsearch/ElasticsearchStore.js';
import { silentLogger } from '../../core/logging.js';
import { ELASTICSEARCH_URL, requireService } from '../support/services.js';
import { reportingStoreContract } from './reporting-store.contract.js';

const admin = new Client({ node: ELASTICSEARCH_URL });

/**
 * Unlike the Store contract, nothing refreshes after the writes: the reporting stores promise that a
 * completed write is visible to the next search (the workflow looks for an existing report of a phase
 * right before creating one), so the adapter's own refresh choices are what this run checks.
 */
reportingStoreContract(
  'elasticsearch (real server)',
  async () => {
    const prefix = `lagebild-test-${randomBytes(4).toString('hex')}`;
    const store = new ElasticsearchStore({ url: ELASTICSEARCH_URL, indexPrefix: prefix, logger: silentLogger() });
    await store.init();
    return {
      stores: store,
      cleanup: async () => {
        await store.close();
        await admin.indices.delete({ index: `${prefix}-*`, allow_no_indices: true, ignore_unavailable: true, expand_wildcards: 'all' });
        await admin.indices.deleteIndexTemplate({ name: `${prefix}-*` });
      },
    };
  },
  { before: (context) => requireService(context, 'elasticsearch') },
);

after(() => admin.close());
