import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../../adapters/store/sqlite/sqlite-store.js';
import { silentLogger } from '../../core/logging.js';
import { loginAttemptStoreContract } from './login-attempt-store.contract.js';

/** A file, not `:memory:`: the two stores are two connections to one database, as two API processes are. */
loginAttemptStoreContract('sqlite', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lagebild-login-attempts-'));
  const file = path.join(dir, 'lagebild.db');
  const first = new SqliteStore({ path: file, logger: silentLogger() });
  const second = new SqliteStore({ path: file, logger: silentLogger() });
  return {
    stores: [first.loginAttempts, second.loginAttempts],
    async cleanup() {
      await first.close();
      await second.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
