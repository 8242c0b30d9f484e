import { useElasticsearchTestStore } from '../support/elasticsearch-test-store.js';
import { reportingStoreContract } from './reporting-store.contract.js';

/**
 * Unlike the Store contract, nothing refreshes after the writes: the reporting stores promise that a
 * completed write is visible to the next search (the workflow looks for an existing report of a phase
 * right before creating one), so the adapter's own refresh choices are what this run checks.
 */
describe('contract > reporting stores > elasticsearch (real server)', function () {
  this.timeout(120_000);
  const openStore = useElasticsearchTestStore();

  reportingStoreContract('elasticsearch', async () => {
    const { store, cleanup } = await openStore();
    return { stores: store, cleanup };
  });
});
