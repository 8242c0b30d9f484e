import { SqliteStore } from '../../adapters/store/sqlite/sqlite-store.js';
import { silentLogger } from '../../core/logging.js';
import { triageStoreContract } from './triage-store.contract.js';

triageStoreContract('sqlite', async () => {
  const store = new SqliteStore({ path: ':memory:', logger: silentLogger() });
  await store.init();
  return { stores: store, cleanup: () => store.close() };
});
