import { ElasticsearchStore } from '../../adapters/store/elasticsearch/elasticsearch-store.js';
import { silentLogger } from '../../core/logging.js';
import { useElasticsearchTestStore } from '../support/elasticsearch-test-store.js';
import { ELASTICSEARCH_URL } from '../support/services.js';
import { loginAttemptStoreContract } from './login-attempt-store.contract.js';

/** No refresh wrapper: the store reads and writes its documents by id only, which is realtime. */
describe('contract > login attempt store > elasticsearch (real server)', function () {
  this.timeout(120_000);
  const openStore = useElasticsearchTestStore();

  loginAttemptStoreContract('elasticsearch', async () => {
    const { store, prefix, cleanup } = await openStore();
    // A second client on the same indices, as a second API process has.
    const second = new ElasticsearchStore({ url: ELASTICSEARCH_URL, indexPrefix: prefix, logger: silentLogger() });
    return {
      stores: [store.loginAttempts, second.loginAttempts],
      async cleanup() {
        await second.close();
        await cleanup();
      },
    };
  });
});
