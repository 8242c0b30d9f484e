import kafkajs, { type Admin, type Kafka, type Producer } from 'kafkajs';
import { ValidationError } from '../../../core/errors.js';
import type { Logger } from '../../../core/logging.js';
import { deadLetterTopic, type Bus, type OutgoingMessage, type SubscribeOptions, type Subscription } from '../../../core/ports/bus.js';
import { deadLetterMessages } from '../dead-letter-messages.js';
import { KafkaSubscription } from './kafka-subscription.js';
import { pinoLogCreator } from './pino-log-creator.js';
import { sizeBoundedSlices } from './size-bounded-slices.js';
import { translateKafkaError } from './translate-kafka-error.js';

const { Kafka: KafkaClient, Partitioners, logLevel } = kafkajs;

/** How often topic creation is tried when the broker does not know a topic it has just created. */
const TOPIC_CREATION_ATTEMPTS = 5;

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  partitions: number;
  replicationFactor?: number;
  logger: Logger;
}

/**
 * The bus of the distributed mode. Publishing uses one idempotent producer with acks from all
 * in-sync replicas, so a resolved publish is durable and a retried one is not duplicated; every
 * subscription is its own consumer (see KafkaSubscription). Connections are opened on first use.
 */
export class KafkaBus implements Bus {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly admin: Admin;
  private connection: Promise<void> | undefined;
  private readonly subscriptions = new Set<KafkaSubscription>();
  private readonly knownTopics = new Set<string>();

  constructor(private readonly options: KafkaBusOptions) {
    if (!Number.isInteger(options.partitions) || options.partitions < 1) throw new ValidationError('partitions must be a positive integer');
    this.kafka = new KafkaClient({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      logCreator: pinoLogCreator(options.logger),
      // Retry waits are capped at 5 s (kafkajs: 30 s) so that the pipeline resumes soon after a broker restart.
      retry: { maxRetryTime: 5_000 },
    });
    // kafkajs docs: an idempotent producer needs acks from all replicas and one request in flight to keep order.
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    this.admin = this.kafka.admin();
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.connect();
    try {
      for (const slice of sizeBoundedSlices(messages)) {
        await this.producer.send({ topic, acks: -1, messages: slice.map(({ key, value, headers }) => ({ key, value, headers: headers ?? {} })) });
      }
    } catch (error) {
      throw translateKafkaError(error);
    }
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    if (options.maxBatchSize !== undefined && (!Number.isInteger(options.maxBatchSize) || options.maxBatchSize < 1)) {
      throw new ValidationError('maxBatchSize must be a positive integer');
    }
    // Dead letters must not depend on the broker auto-creating topics.
    await this.ensureTopics([deadLetterTopic(options.topic)]);
    const subscription = await KafkaSubscription.start(options, {
      kafka: this.kafka,
      deadLetter: (messages, error) => this.publish(deadLetterTopic(options.topic), deadLetterMessages(messages, error)),
      logger: this.options.logger.child({ topic: options.topic, group: options.group }),
    });
    this.subscriptions.add(subscription);
    return {
      stop: async () => {
        this.subscriptions.delete(subscription);
        await subscription.stop();
      },
    };
  }

  async ensureTopics(topics: string[]): Promise<void> {
    const wanted = [...new Set(topics)].filter((topic) => !this.knownTopics.has(topic));
    if (wanted.length === 0) return;
    await this.connect();
    for (let attempt = 1; ; attempt++) {
      try {
        const existing = new Set(await this.admin.listTopics());
        const missing = wanted.filter((topic) => !existing.has(topic));
        if (missing.length > 0) {
          await this.admin.createTopics({
            waitForLeaders: true,
            topics: missing.map((topic) => ({ topic, numPartitions: this.options.partitions, replicationFactor: this.options.replicationFactor ?? 1 })),
          });
        }
        break;
      } catch (error) {
        // Right after other topics were created the broker may not list a new one in its metadata
        // yet, and kafkajs's wait for leaders gives up at once instead of waiting; asking again works.
        if (attempt >= TOPIC_CREATION_ATTEMPTS || (error as { type?: string }).type !== 'UNKNOWN_TOPIC_OR_PARTITION') throw translateKafkaError(error);
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
    for (const topic of wanted) this.knownTopics.add(topic);
  }

  async lag(topic: string, group: string): Promise<number> {
    await this.connect();
    try {
      const [ends, [committed]] = await Promise.all([this.admin.fetchTopicOffsets(topic), this.admin.fetchOffsets({ groupId: group, topics: [topic] })]);
      const committedByPartition = new Map((committed?.partitions ?? []).map(({ partition, offset }) => [partition, BigInt(offset)]));
      let lag = 0n;
      for (const { partition, high, low } of ends) {
        const position = committedByPartition.get(partition) ?? -1n;
        // -1: the group never committed here and will start at the oldest retained message.
        const start = position < 0n ? BigInt(low) : position;
        if (BigInt(high) > start) lag += BigInt(high) - start;
      }
      return Number(lag);
    } catch (error) {
      throw translateKafkaError(error);
    }
  }

  async close(): Promise<void> {
    const subscriptions = [...this.subscriptions];
    this.subscriptions.clear();
    await Promise.all(subscriptions.map((subscription) => subscription.stop()));
    if (this.connection) {
      this.connection = undefined;
      await Promise.all([this.producer.disconnect(), this.admin.disconnect()]);
    }
  }

  private connect(): Promise<void> {
    this.connection ??= Promise.all([this.producer.connect(), this.admin.connect()]).then(
      () => undefined,
      (error: unknown) => {
        this.connection = undefined;
        throw translateKafkaError(error);
      },
    );
    return this.connection;
  }
}

export function createKafkaBus(options: KafkaBusOptions): KafkaBus {
  return new KafkaBus(options);
}
