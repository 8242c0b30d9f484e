import path from 'node:path';
import type { Clock } from '../core/clock.js';
import type { Config } from '../core/config.js';
import type { Logger } from '../core/logging.js';
import { componentLogger } from '../core/logging.js';
import type { Bus } from '../core/ports/bus.js';
import type { Mailer } from '../core/ports/mailer.js';
import type { AppStore } from '../core/ports/app-store.js';
import { createMemoryBus } from '../adapters/bus/memory/memory-bus.js';
import { SqliteStore } from '../adapters/store/sqlite/sqlite-store.js';
import { OutboxMailer } from '../adapters/mail/outbox-mailer.js';

/**
 * The composition root: the only place that knows which adapter implements which port. The
 * distributed adapters are imported lazily so that the embedded mode loads no Kafka or
 * Elasticsearch client code.
 */
export async function createBus(config: Config, logger: Logger): Promise<Bus> {
  if (config.bus === 'memory') return createMemoryBus({ partitions: config.kafkaPartitions, maxBytes: config.busMaxBytes, logger: componentLogger(logger, 'memory-bus') });
  const { KafkaBus } = await import('../adapters/bus/kafka/kafka-bus.js');
  return new KafkaBus({ brokers: config.kafkaBrokers, clientId: config.kafkaClientId, partitions: config.kafkaPartitions, logger: componentLogger(logger, 'kafka') });
}

export async function createStore(config: Config, logger: Logger): Promise<AppStore> {
  if (config.store === 'sqlite') return new SqliteStore({ path: path.join(config.dataDir, 'lagebild.sqlite'), logger: componentLogger(logger, 'sqlite') });
  const { ElasticsearchStore } = await import('../adapters/store/elasticsearch/elasticsearch-store.js');
  return new ElasticsearchStore({ url: config.elasticsearchUrl, indexPrefix: config.elasticsearchIndexPrefix, logger: componentLogger(logger, 'elasticsearch') });
}

export async function createMailer(config: Config, clock: Clock): Promise<Mailer> {
  if (!config.smtpUrl) return new OutboxMailer({ dataDir: config.dataDir, from: config.mailFrom, clock });
  const { SmtpMailer } = await import('../adapters/mail/smtp-mailer.js');
  return new SmtpMailer({ url: config.smtpUrl, from: config.mailFrom });
}
