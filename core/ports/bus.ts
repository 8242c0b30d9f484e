/**
 * The message bus between pipeline stages. Two adapters implement it: an in-memory bus for the
 * embedded mode and Kafka for the distributed one; both pass tests/contract/bus.contract.ts.
 *
 * Semantics both adapters guarantee:
 * - messages with the same key keep their order;
 * - every consumer group receives every message once per successful handling (at-least-once);
 * - a handler's batch is committed only after the handler resolved;
 * - a handler that throws a retriable error sees the same batch again after a backoff;
 *   a non-retriable error sends the batch to `<topic>.dlq` (with the error) and moves on.
 */
export const TOPICS = {
  events: 'events',
  alerts: 'alerts',
  eventsDlq: 'events.dlq',
} as const;

export interface OutgoingMessage {
  key: string;
  value: string;
  headers?: Record<string, string>;
}

export interface DeliveredMessage extends OutgoingMessage {
  topic: string;
  partition: number;
  offset: string;
  /** How many times this message has been handed to the handler before (0 on first delivery). */
  redeliveries: number;
}

export type BatchHandler = (messages: DeliveredMessage[]) => Promise<void>;

export interface SubscribeOptions {
  topic: string;
  group: string;
  handler: BatchHandler;
  /** New groups start at the earliest retained message instead of only new ones. Default true. */
  fromBeginning?: boolean;
  maxBatchSize?: number;
}

export interface Subscription {
  /** Stops fetching, lets the batch in flight finish and commits it. */
  stop(): Promise<void>;
}

export interface Bus {
  /** Resolves once the bus has acknowledged every message (durably, for Kafka). */
  publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** Creates the topics the pipeline needs, with the configured partitions. Idempotent. */
  ensureTopics(topics: string[]): Promise<void>;
  /** Messages produced to a topic but not yet committed by a group; drives backpressure. */
  lag(topic: string, group: string): Promise<number>;
  close(): Promise<void>;
}

export function deadLetterTopic(topic: string): string {
  return topic.endsWith('.dlq') ? topic : `${topic}.dlq`;
}
