import { SqliteStore } from '../../adapters/store/sqlite/sqlite-store.js';
import { silentLogger } from '../../core/logging.js';
import { reportingStoreContract } from './reporting-store.contract.js';

reportingStoreContract('sqlite in memory', async () => {
  const store = new SqliteStore({ path: ':memory:', logger: silentLogger() });
  await store.init();
  return { stores: store, cleanup: () => store.close() };
});
