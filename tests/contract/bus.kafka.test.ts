import { KafkaBus } from '../../adapters/bus/kafka/kafka-bus.js';
import { silentLogger } from '../../core/logging.js';
import { KAFKA_BROKERS, requireService } from '../support/services.js';
import { busContract } from './bus.contract.js';

busContract(
  'kafka',
  async () => {
    const bus = new KafkaBus({ brokers: KAFKA_BROKERS, clientId: 'lagebild-contract', partitions: 4, logger: silentLogger() });
    return { bus, cleanup: () => bus.close() };
  },
  { before: (context) => requireService(context, 'kafka') },
);
