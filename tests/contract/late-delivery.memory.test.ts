import { MemoryBus } from '../../adapters/bus/memory/memory-bus.js';
import { silentLogger } from '../../core/logging.js';
import { lateDeliveryContract } from './late-delivery.contract.js';

lateDeliveryContract('memory', async () => {
  const bus = new MemoryBus({ partitions: 4, logger: silentLogger() });
  return { bus, cleanup: () => bus.close() };
});
