import { randomBytes } from 'node:crypto';
import { KafkaBus } from '../../adapters/bus/kafka/kafka-bus.js';
import { silentLogger } from '../../core/logging.js';
import { useElasticsearchTestStore } from '../support/elasticsearch-test-store.js';
import { NamespacedBus } from '../support/namespaced-bus.js';
import { KAFKA_BROKERS, requireService } from '../support/services.js';
import { incidentRecorderContract } from './incident-recorder.contract.js';

describe('contract > incident recorder > kafka + elasticsearch (real servers)', function () {
  this.timeout(180_000);
  const openStore = useElasticsearchTestStore();

  incidentRecorderContract(
    'kafka bus + elasticsearch',
    async () => {
      const { store, refresh, cleanup } = await openStore();
      const bus = new NamespacedBus(new KafkaBus({ brokers: KAFKA_BROKERS, clientId: 'lagebild-recorder-contract', partitions: 4, logger: silentLogger() }), `recorder-${randomBytes(4).toString('hex')}`);
      return {
        bus,
        store,
        refresh,
        async cleanup() {
          await bus.close();
          await cleanup();
        },
      };
    },
    { before: (context) => requireService(context, 'kafka') },
  );
});
