import { MemoryBus } from '../../adapters/bus/memory/memory-bus.js';
import { SqliteStore } from '../../adapters/store/sqlite/sqlite-store.js';
import { silentLogger } from '../../core/logging.js';
import { incidentRecorderContract } from './incident-recorder.contract.js';

incidentRecorderContract('memory bus + sqlite', async () => {
  const bus = new MemoryBus({ partitions: 4, logger: silentLogger() });
  const store = new SqliteStore({ path: ':memory:', logger: silentLogger() });
  return {
    bus,
    store,
    refresh: async () => undefined,
    async cleanup() {
      await bus.close();
      await store.close();
    },
  };
});
