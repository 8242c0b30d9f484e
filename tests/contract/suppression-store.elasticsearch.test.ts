import { useElasticsearchTestStore } from '../support/elasticsearch-test-store.js';
import { suppressionStoreContract } from './suppression-store.contract.js';

/** No refresh wrapper: the store promises that its writes are searchable when they return (`refresh: wait_for`). */
describe('contract > suppression store > elasticsearch (real server)', function () {
  this.timeout(120_000);
  const openStore = useElasticsearchTestStore();

  suppressionStoreContract('elasticsearch', async () => {
    const { store, cleanup } = await openStore();
    return { store: store.suppressions, cleanup };
  });
});
