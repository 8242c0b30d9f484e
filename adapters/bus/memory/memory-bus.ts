import { LagebildError, ValidationError } from '../../../core/errors.js';
import type { Logger } from '../../../core/logging.js';
import { deadLetterTopic, type Bus, type OutgoingMessage, type SubscribeOptions, type Subscription } from '../../../core/ports/bus.js';
import { deadLetterMessages } from '../dead-letter-messages.js';
import { ConsumerGroup } from './consumer-group.js';
import { keyPartition } from './key-partition.js';
import { MemorySubscription } from './memory-subscription.js';
import { messageBytes, PartitionLog } from './partition-log.js';

export interface MemoryBusOptions {
  partitions: number;
  /** Messages kept per partition after every known group committed them, for groups that join later. */
  retainPerPartition?: number;
  /** Bytes (see `messageBytes`) kept per partition after every known group committed them. */
  retainBytesPerPartition?: number;
  /**
   * Bytes a topic may hold that a consumer group with members has not committed yet. At the bound
   * `publish` waits until consumers catch up: producers slow down instead of memory growing.
   */
  maxBytes?: number;
  /** Bytes one batch handed to a subscriber may hold (it always gets at least one message). */
  maxBatchBytes?: number;
  /** The time one handler call should take: batches shrink below `maxBatchSize` for slower handlers (BatchSizer). */
  batchBudgetMs?: number;
  logger: Logger;
}

interface WaitingPublish {
  messages: OutgoingMessage[];
  bytes: number;
  resolve(): void;
  reject(error: Error): void;
}

interface MemoryTopic {
  name: string;
  logs: PartitionLog[];
  groups: Map<string, ConsumerGroup>;
  /** Publishes waiting for room, in the order they were called, so that none overtakes another. */
  waiting: WaitingPublish[];
  peakBacklogBytes: number;
}

const DEFAULT_RETAIN_PER_PARTITION = 100_000;
/**
 * A count alone does not bound memory: a dead-letter topic nobody reads in embedded mode keeps lines
 * of up to 64 KiB, and 100,000 of them per partition took the fuzz run past 2 GB. About 4 MB per partition.
 */
const DEFAULT_RETAIN_BYTES_PER_PARTITION = 4_000_000;
/** About 16,000 events of 1 KiB per topic: under a second of a detector's work, so a full bus adds little latency. */
export const DEFAULT_MEMORY_BUS_MAX_BYTES = 16 * 2 ** 20;
const DEFAULT_MAX_BATCH_SIZE = 500;
/** Large events must not make one batch a long task: 1 MiB is a thousand typical events. */
const DEFAULT_MAX_BATCH_BYTES = 2 ** 20;
/** Short enough that the API and listeners sharing the loop answer within a fraction of a second. */
const DEFAULT_BATCH_BUDGET_MS = 50;
/** Stored headers are only ever copied out (every delivery gets its own): messages without any share this one. */
const NO_HEADERS: Record<string, string> = Object.freeze({});

/**
 * The bus of the embedded mode: Kafka's model (partitions, consumer groups with committed offsets,
 * at-least-once) inside one process, so that the pipeline behaves the same on either bus. Topics
 * are created on first use, like a broker with topic auto-creation. Unlike a broker it has no disk to
 * spill to, so each topic is bounded in bytes: what live consumer groups have not committed yet
 * holds publishers back once it reaches `maxBytes`.
 */
export class MemoryBus implements Bus {
  private readonly topics = new Map<string, MemoryTopic>();
  private readonly subscriptions = new Set<MemorySubscription>();
  private readonly retainPerPartition: number;
  private readonly retainBytesPerPartition: number;
  private readonly maxBytes: number;
  private closed = false;

  constructor(private readonly options: MemoryBusOptions) {
    if (!Number.isInteger(options.partitions) || options.partitions < 1) throw new ValidationError('partitions must be a positive integer');
    this.retainPerPartition = options.retainPerPartition ?? DEFAULT_RETAIN_PER_PARTITION;
    this.retainBytesPerPartition = options.retainBytesPerPartition ?? DEFAULT_RETAIN_BYTES_PER_PARTITION;
    this.maxBytes = options.maxBytes ?? DEFAULT_MEMORY_BUS_MAX_BYTES;
    if (!(this.maxBytes > 0)) throw new ValidationError('maxBytes must be positive');
  }

  /**
   * Appends at once while the topic has room; otherwise waits, behind earlier waiting publishes,
   * until consumers have committed enough. A batch larger than the whole bound goes in alone once
   * the topic is empty, so the backlog never exceeds the larger of the bound and one batch.
   */
  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    this.assertOpen();
    const state = this.topic(topic);
    let bytes = 0;
    for (const message of messages) bytes += messageBytes(message.key, message.value, message.headers);
    if (state.waiting.length === 0 && this.hasRoom(state, bytes)) {
      this.appendWithin(state, messages);
      return;
    }
    await new Promise<void>((resolve, reject) => state.waiting.push({ messages, bytes, resolve, reject }));
  }

  /** Bytes on `topic` that a consumer group with members has not committed yet: what the bound limits. */
  backlogBytes(topic: string): number {
    const state = this.topics.get(topic);
    return state ? this.backlog(state) : 0;
  }

  /** The highest `backlogBytes` the topic has reached since the bus started. */
  peakBacklogBytes(topic: string): number {
    return this.topics.get(topic)?.peakBacklogBytes ?? 0;
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    this.assertOpen();
    const maxBatchSize = options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
    if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1) throw new ValidationError('maxBatchSize must be a positive integer');
    const topic = this.topic(options.topic);
    let group = topic.groups.get(options.group);
    if (!group) {
      group = new ConsumerGroup(topic.logs, options.fromBeginning ?? true, (partition) => {
        this.trim(topic, partition);
        this.admitWaiting(topic);
      });
      topic.groups.set(options.group, group);
    }
    const subscription = new MemorySubscription({
      topic: options.topic,
      group,
      handler: options.handler,
      maxBatchSize,
      maxBatchBytes: this.options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES,
      batchBudgetMs: this.options.batchBudgetMs ?? DEFAULT_BATCH_BUDGET_MS,
      // The dead-letter write bypasses `publish` so that draining during close() cannot fail.
      // It also bypasses the bound: a consumer must never wait on its own dead letters.
      deadLetter: async (messages, error) => this.append(this.topic(deadLetterTopic(options.topic)), deadLetterMessages(messages, error)),
      logger: this.options.logger.child({ topic: options.topic, group: options.group }),
    });
    this.subscriptions.add(subscription);
    return {
      stop: async () => {
        await subscription.stop();
        this.subscriptions.delete(subscription);
        // A group without members no longer holds publishers back.
        this.admitWaiting(topic);
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
    for (const topic of this.topics.values()) {
      for (const waiting of topic.waiting.splice(0)) waiting.reject(new LagebildError('bus_closed', 'the bus was closed while the publish waited for room'));
    }
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.subscriptions.clear();
  }

  private hasRoom(topic: MemoryTopic, bytes: number): boolean {
    const backlog = this.backlog(topic);
    return backlog === 0 || backlog + bytes <= this.maxBytes;
  }

  /** Per partition, the bytes from the lowest offset a group with members has committed. */
  private backlog(topic: MemoryTopic): number {
    let bytes = 0;
    for (let partition = 0; partition < topic.logs.length; partition++) {
      let committed = Number.POSITIVE_INFINITY;
      for (const group of topic.groups.values()) if (group.hasMembers) committed = Math.min(committed, group.committed(partition));
      bytes += topic.logs[partition]!.bytesFrom(committed);
    }
    return bytes;
  }

  private admitWaiting(topic: MemoryTopic): void {
    while (topic.waiting.length > 0 && !this.closed && this.hasRoom(topic, topic.waiting[0]!.bytes)) {
      const waiting = topic.waiting.shift()!;
      this.appendWithin(topic, waiting.messages);
      waiting.resolve();
    }
  }

  private appendWithin(topic: MemoryTopic, messages: OutgoingMessage[]): void {
    this.append(topic, messages);
    topic.peakBacklogBytes = Math.max(topic.peakBacklogBytes, this.backlog(topic));
  }

  private append(topic: MemoryTopic, messages: OutgoingMessage[]): void {
    const partitions = topic.logs.length;
    for (const message of messages) {
      const partition = partitions === 1 ? 0 : keyPartition(message.key, partitions);
      topic.logs[partition]!.append(message.key, message.value, message.headers ? { ...message.headers } : NO_HEADERS);
    }
    for (let partition = 0; partition < partitions; partition++) this.trim(topic, partition);
    for (const group of topic.groups.values()) group.wakeAll();
  }

  private topic(name: string): MemoryTopic {
    let topic = this.topics.get(name);
    if (!topic) {
      topic = { name, logs: Array.from({ length: this.options.partitions }, () => new PartitionLog()), groups: new Map(), waiting: [], peakBacklogBytes: 0 };
      this.topics.set(name, topic);
    }
    return topic;
  }

  /** Drops what every known group has committed, except the newest messages (by count and size) kept for late groups. */
  private trim(topic: MemoryTopic, partition: number): void {
    const log = topic.logs[partition]!;
    let committed = Number.POSITIVE_INFINITY;
    for (const group of topic.groups.values()) committed = Math.min(committed, group.committed(partition));
    const retained = Math.max(log.nextOffset - this.retainPerPartition, log.offsetKeepingBytes(this.retainBytesPerPartition, committed));
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
