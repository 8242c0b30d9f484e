import type { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { UnavailableError } from '../../../core/errors.js';
import type { Logger } from '../../../core/logging.js';
import type { DeliveredMessage, SubscribeOptions, Subscription } from '../../../core/ports/bus.js';
import { redeliveryDelay } from '../redelivery-delay.js';
import { isRetriableBusError, translateKafkaError } from './translate-kafka-error.js';
import { handleIsolating } from '../handle-isolating.js';
import { CancellableDelay } from '../cancellable-delay.js';

const DEFAULT_MAX_BATCH_SIZE = 500;
/** Faster than kafkajs's defaults so that rebalances (a consumer joining or leaving) settle in about a second. */
const HEARTBEAT_INTERVAL_MS = 1_000;
const MAX_FETCH_WAIT_MS = 1_000;
const JOIN_TIMEOUT_MS = 60_000;

export interface KafkaSubscriptionDependencies {
  kafka: Kafka;
  deadLetter(messages: DeliveredMessage[], error: unknown): Promise<void>;
  logger: Logger;
}

/**
 * One kafkajs consumer per subscription. kafkajs fetches; we hand each batch to the handler in
 * slices of maxBatchSize and commit a slice's offsets ourselves once the handler resolved. A
 * retriable failure is retried in place (the consumer does not move on, heartbeats keep the
 * partition), so `redeliveries` counts the re-handlings within this consumer.
 */
export class KafkaSubscription implements Subscription {
  private stopping = false;
  private readonly backoff = new CancellableDelay();

  private constructor(
    private readonly consumer: Consumer,
    private readonly options: SubscribeOptions,
    private readonly dependencies: KafkaSubscriptionDependencies,
  ) {}

  /** Resolves once the consumer has joined its group, so that the caller knows it is live. */
  static async start(options: SubscribeOptions, dependencies: KafkaSubscriptionDependencies): Promise<KafkaSubscription> {
    const consumer = dependencies.kafka.consumer({ groupId: options.group, heartbeatInterval: HEARTBEAT_INTERVAL_MS, maxWaitTimeInMs: MAX_FETCH_WAIT_MS });
    const subscription = new KafkaSubscription(consumer, options, dependencies);
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    consumer.on(consumer.events.CRASH, ({ payload }) =>
      dependencies.logger.error({ error: payload.error, restart: payload.restart }, 'Consumer crashed'),
    );
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [options.topic], fromBeginning: options.fromBeginning ?? true });
      await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: (payload) => subscription.consume(payload) });
      await Promise.race([joined, rejectAfter(JOIN_TIMEOUT_MS, new UnavailableError(`consumer group ${options.group}`))]);
    } catch (error) {
      await consumer.disconnect().catch(() => {});
      throw translateKafkaError(error);
    }
    return subscription;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.backoff.cancel();
    // disconnect() stops fetching, waits for the batch in flight and leaves the group.
    await this.consumer.disconnect();
  }

  private async consume({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const maxBatchSize = this.options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
    const messages = batch.messages.map((message) => delivered(batch.topic, batch.partition, message));
    const abandoned = () => this.stopping || !isRunning() || isStale();
    for (let start = 0; start < messages.length; start += maxBatchSize) {
      if (abandoned()) return;
      const slice = messages.slice(start, start + maxBatchSize);
      if (!(await this.handle(slice, heartbeat, abandoned))) return;
      const last = slice[slice.length - 1]!.offset;
      resolveOffset(last);
      await commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: (BigInt(last) + 1n).toString() }] }] });
    }
  }

  /** True once the slice is done with (handled or dead-lettered); false when it was left uncommitted. */
  private handle(slice: DeliveredMessage[], heartbeat: () => Promise<void>, abandoned: () => boolean): Promise<boolean> {
    const { logger } = this.dependencies;
    return handleIsolating(slice, {
      deliver: (messages, attempt) => this.whileHeartbeating(heartbeat, () => this.options.handler(messages.map((message) => ({ ...message, redeliveries: attempt })))),
      deadLetter: (messages, error) => this.dependencies.deadLetter(messages, error),
      backOff: async (error, attempt, messages) => {
        if (abandoned()) return false;
        const delayMs = redeliveryDelay(attempt);
        logger.warn({ error, topic: messages[0]!.topic, partition: messages[0]!.partition, offset: messages[0]!.offset, count: messages.length, attempt, delayMs }, 'Handler failed, batch will be redelivered');
        await this.backoff.wait(delayMs);
        if (abandoned()) return false;
        await heartbeat();
        return true;
      },
      isRetriable: isRetriableBusError,
      logger,
    });
  }

  /** A slow handler must not cost the partition: the group would evict a member that stops heartbeating. */
  private async whileHeartbeating(heartbeat: () => Promise<void>, work: () => Promise<void>): Promise<void> {
    const timer = setInterval(() => {
      heartbeat().catch((error: unknown) => this.dependencies.logger.debug({ error }, 'Heartbeat during handler failed'));
    }, HEARTBEAT_INTERVAL_MS);
    try {
      await work();
    } finally {
      clearInterval(timer);
    }
  }
}

function delivered(topic: string, partition: number, message: KafkaMessage): DeliveredMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? '',
    value: message.value?.toString('utf8') ?? '',
    headers: headerStrings(message.headers),
    redeliveries: 0,
  };
}

function headerStrings(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    result[name] = (Array.isArray(value) ? value[value.length - 1]! : value).toString();
  }
  return result;
}

function rejectAfter(ms: number, error: Error): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(error), ms).unref());
}
