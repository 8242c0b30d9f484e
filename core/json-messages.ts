import type { Bus, DeliveredMessage } from './ports/bus.js';
import { deadLetterTopic } from './ports/bus.js';

export type Guard<T> = (value: unknown) => value is T;

/** Parses one message; undefined when it is not JSON or not the kind of document the topic carries. */
export function decodeMessage<T>(message: DeliveredMessage, isValid: Guard<T>): T | undefined {
  try {
    const value: unknown = JSON.parse(message.value);
    return isValid(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Decodes a batch. Messages that are not valid JSON, or valid JSON of the wrong shape (a `null`,
 * an array), are dead-lettered on their own so that one poison message never holds up, or takes
 * down, the good ones of its batch.
 */
export async function decodeJsonBatch<T>(bus: Bus, messages: DeliveredMessage[], isValid: Guard<T>, onPoison?: (count: number) => void): Promise<T[]> {
  const values: T[] = [];
  const poison: DeliveredMessage[] = [];
  for (const message of messages) {
    const value = decodeMessage(message, isValid);
    if (value === undefined) poison.push(message);
    else values.push(value);
  }
  if (poison.length > 0) {
    onPoison?.(poison.length);
    await bus.publish(
      deadLetterTopic(poison[0]!.topic),
      poison.map((message) => ({ key: message.key, value: message.value, headers: { 'x-error': 'message is not a valid JSON document of this topic', 'x-error-code': 'malformed_message', 'x-original-topic': message.topic } })),
    );
  }
  return values;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
