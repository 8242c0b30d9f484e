import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../../adapters/store/sqlite/sqlite-store.js';
import { silentLogger } from '../../core/logging.js';
import { incidentStoriesContract } from './incident-stories.contract.js';

/** A file, not `:memory:`: the two stores are two connections to one database, as two recorder processes are. */
incidentStoriesContract('sqlite', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lagebild-stories-'));
  const file = path.join(dir, 'lagebild.db');
  const first = new SqliteStore({ path: file, logger: silentLogger() });
  const second = new SqliteStore({ path: file, logger: silentLogger() });
  return {
    stores: [first, second],
    refresh: async () => undefined,
    async cleanup() {
      await first.close();
      await second.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
