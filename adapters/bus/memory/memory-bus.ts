import { LagebildError, ValidationError } from '../../../core/errors.js';
import type { Logger } from '../../../core/logging.js';
import { deadLetterTopic, type Bus, type OutgoingMessage, type SubscribeOptions, type Subscription } from '../../../core/ports/bus.js';
import { deadLetterMessages } from '../dead-letter-messages.js';
import { ConsumerGroup } from './consumer-group.js';
import { keyPartition } from './key-partition.js';
import { MemorySubscription } from './memory-subscription.js';
import { PartitionLog } from './partition-log.js';

export interface MemoryBusOptions {
  partitions: number;
  /** Messages kept per partition after every known group committed them, for groups that join later. */
  retainPerPartition?: number;
  /** Characters (keys and values) kept per partition after every known group committed them. */
  retainCharsPerPartition?: number;
  logger: Logger;
}

interface MemoryTopic {
  logs: PartitionLog[];
  groups: Map<string, ConsumerGroup>;
}

const DEFAULT_RETAIN_PER_PARTITION = 100_000;
/**
 * A count alone does not bound memory: a dead-letter topic nobody reads in embedded mode keeps lines
 * of up to 64 KiB, and 100,000 of them per partition took the fuzz run past 2 GB. About 4 MB per partition.
 */
const DEFAULT_RETAIN_CHARS_PER_PARTITION = 4_000_000;
const DEFAULT_MAX_BATCH_SIZE = 500;

/**
 * The bus of the embedded mode: Kafka's model (partitions, consumer groups with committed offsets,
 * at-least-once) inside one process, so that the pipeline behaves the same on either bus. Topics
 * are created on first use, like a broker with topic auto-creation.
 */
export class MemoryBus implements Bus {
  private readonly topics = new Map<string, MemoryTopic>();
  private readonly subscriptions = new Set<MemorySubscription>();
  private readonly retainPerPartition: number;
  private readonly retainCharsPerPartition: number;
  private closed = false;

  constructor(private readonly options: MemoryBusOptions) {
    if (!Number.isInteger(options.partitions) || options.partitions < 1) throw new ValidationError('partitions must be a positive integer');
    this.retainPerPartition = options.retainPerPartition ?? DEFAULT_RETAIN_PER_PARTITION;
    this.retainCharsPerPartition = options.retainCharsPerPartition ?? DEFAULT_RETAIN_CHARS_PER_PARTITION;
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    this.assertOpen();
    this.append(topic, messages);
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    this.assertOpen();
    const maxBatchSize = options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
    if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1) throw new ValidationError('maxBatchSize must be a positive integer');
    const topic = this.topic(options.topic);
    let group = topic.groups.get(options.group);
    if (!group) {
      group = new ConsumerGroup(topic.logs, options.fromBeginning ?? true, (partition) => this.trim(topic, partition));
      topic.groups.set(options.group, group);
    }
    const subscription = new MemorySubscription({
      topic: options.topic,
      group,
      handler: options.handler,
      maxBatchSize,
      // The dead-letter write bypasses `publish` so that draining during close() cannot fail.
      deadLetter: async (messages, error) => this.append(deadLetterTopic(options.topic), deadLetterMessages(messages, error)),
      logger: this.options.logger.child({ topic: options.topic, group: options.group }),
    });
    this.subscriptions.add(subscription);
    return {
      stop: async () => {
        await subscription.stop();
        this.subscriptions.delete(subscription);
      },
    };
  }

  async ensureTopics(topics: string[]): Promise<void> {
    for (const topic of topics) this.topic(topic);
  }

  async lag(topic: string, group: string): Promise<number> {
    const state = this.topics.get(topic);
    if (!state) return 0;
    const consumerGroup = state.groups.get(group);
    if (consumerGroup) return consumerGroup.lag();
    // A group that has not joined yet will start at the oldest retained message.
    return state.logs.reduce((sum, log) => sum + log.nextOffset - log.firstOffset, 0);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.subscriptions.clear();
  }

  private append(topicName: string, messages: OutgoingMessage[]): void {
    const topic = this.topic(topicName);
    const touched = new Set<number>();
    for (const message of messages) {
      const partition = keyPartition(message.key, topic.logs.length);
      topic.logs[partition]!.append(message.key, message.value, { ...message.headers });
      touched.add(partition);
    }
    for (const partition of touched) this.trim(topic, partition);
    for (const group of topic.groups.values()) group.wakeAll();
  }

  private topic(name: string): MemoryTopic {
    let topic = this.topics.get(name);
    if (!topic) {
      topic = { logs: Array.from({ length: this.options.partitions }, () => new PartitionLog()), groups: new Map() };
      this.topics.set(name, topic);
    }
    return topic;
  }

  /** Drops what every known group has committed, except the newest messages (by count and size) kept for late groups. */
  private trim(topic: MemoryTopic, partition: number): void {
    const log = topic.logs[partition]!;
    let committed = Number.POSITIVE_INFINITY;
    for (const group of topic.groups.values()) committed = Math.min(committed, group.committed(partition));
    const retained = Math.max(log.nextOffset - this.retainPerPartition, log.offsetKeepingChars(this.retainCharsPerPartition, committed));
    const trimTo = Math.min(retained, committed);
    log.trimBefore(trimTo);
  }

  private assertOpen(): void {
    if (this.closed) throw new LagebildError('bus_closed', 'the bus is closed');
  }
}

export function createMemoryBus(options: MemoryBusOptions): MemoryBus {
  return new MemoryBus(options);
}
