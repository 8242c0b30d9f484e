import { SqliteStore } from '../../adapters/store/sqlite/sqlite-store.js';
import { silentLogger } from '../../core/logging.js';
import { warningStoreContract } from './warning-store.contract.js';

describe('contract > warning store > sqlite', () => {
  warningStoreContract(async () => new SqliteStore({ path: ':memory:', logger: silentLogger() }));
});
