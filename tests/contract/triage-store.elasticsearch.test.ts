import { Client } from '@elastic/elasticsearch';
import { randomBytes } from 'node:crypto';
import { ElasticsearchStore } from '../../adapters/store/elasticsearch/ElasticsearchStore.js';
import { silentLogger } from '../../core/logging.js';
import { ELASTICSEARCH_URL, requireService } from '../support/services.js';
import { triageStoreContract } from './triage-store.contract.js';

/**
 * No refresh wrapper here, unlike the main store suite: every write of these stores waits for the
 * refresh itself (`wait_for`), because the next request (a token refresh, an ingest) searches for it.
 */
describe('contract > triage store > elasticsearch (real server)', function () {
  this.timeout(120_000);
  const admin = new Client({ node: ELASTICSEARCH_URL });

  before(async function () {
    await requireService(this, 'elasticsearch');
  });

  after(async () => {
    await admin.close();
  });

  triageStoreContract('elasticsearch', async () => {
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
  });
});
