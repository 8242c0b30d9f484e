import { SqliteStore } from '../../adapters/store/sqlite/sqlite-store.js';
import { silentLogger } from '../../core/logging.js';
import { suppressionStoreContract } from './suppression-store.contract.js';

suppressionStoreContract('sqlite', async () => {
  const store = new SqliteStore({ path: ':memory:', logger: silentLogger() });
  return { store: store.suppressions, cleanup: () => store.close() };
});
