import { useElasticsearchTestStore } from '../support/elasticsearch-test-store.js';
import { triageStoreContract } from './triage-store.contract.js';

/**
 * No refresh wrapper here, unlike the main store suite: every write of these stores waits for the
 * refresh itself (`wait_for`), because the next request (a token refresh, an ingest) searches for it.
 */
describe('contract > triage store > elasticsearch (real server)', function () {
  this.timeout(120_000);
  const openStore = useElasticsearchTestStore();

  triageStoreContract('elasticsearch', async () => {
    const { store, cleanup } = await openStore();
    return { stores: store, cleanup };
  });
});
