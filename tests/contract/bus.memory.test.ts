import { MemoryBus } from '../../adapters/bus/memory/memory-bus.js';
import { silentLogger } from '../../core/logging.js';
import { busContract } from './bus.contract.js';

busContract('memory', async () => {
  const bus = new MemoryBus({ partitions: 4, logger: silentLogger() });
  return { bus, cleanup: () => bus.close() };
});
