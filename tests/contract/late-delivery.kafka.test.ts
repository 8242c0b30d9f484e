import { KafkaBus } from '../../adapters/bus/kafka/kafka-bus.js';
import { silentLogger } from '../../core/logging.js';
import { KAFKA_BROKERS, requireService } from '../support/services.js';
import { lateDeliveryContract } from './late-delivery.contract.js';

lateDeliveryContract(
  'kafka',
  async () => {
    const bus = new KafkaBus({ brokers: KAFKA_BROKERS, clientId: 'lagebild-late-delivery', partitions: 4, logger: silentLogger() });
    return { bus, cleanup: () => bus.close() };
  },
  { before: (context) => requireService(context, 'kafka') },
);
