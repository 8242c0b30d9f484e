import { ElasticsearchStore } from '../../adapters/store/elasticsearch/elasticsearch-store.js';
import { silentLogger } from '../../core/logging.js';
import { useElasticsearchTestStore } from '../support/elasticsearch-test-store.js';
import { ELASTICSEARCH_URL } from '../support/services.js';
import { incidentStoriesContract } from './incident-stories.contract.js';

describe('contract > incident stories > elasticsearch (real server)', function () {
  this.timeout(120_000);
  const openStore = useElasticsearchTestStore();

  incidentStoriesContract('elasticsearch', async () => {
    const { store, prefix, refresh, cleanup } = await openStore();
    // A second client on the same indices, as a second recorder process has.
    const second = new ElasticsearchStore({ url: ELASTICSEARCH_URL, indexPrefix: prefix, logger: silentLogger() });
    return {
      stores: [store, second],
      refresh,
      async cleanup() {
        await second.close();
        await cleanup();
      },
    };
  });
});
