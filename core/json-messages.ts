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

/** A decoded message and the message it came from, for dead-lettering it later if it fails. */
export interface Decoded<T> {
  value: T;
  message: DeliveredMessage;
}

/**
 * Decodes a batch. Messages that are not valid JSON, or valid JSON of the wrong shape (a `null`,
 * an array), are dead-lettered on their own so that one poison message never holds up, or takes
 * down, the good ones of its batch.
 */
export async function decodeJsonBatch<T>(bus: Bus, messages: DeliveredMessage[], isValid: Guard<T>, onPoison?: (count: number) => void): Promise<Decoded<T>[]> {
  const decoded: Decoded<T>[] = [];
  const poison: DeliveredMessage[] = [];
  for (const message of messages) {
    const value = decodeMessage(message, isValid);
    if (value === undefined) poison.push(message);
    else decoded.push({ value, message });
  }
  if (poison.length > 0) {
    onPoison?.(poison.length);
    await publishDeadLetters(bus, poison, 'message is not a valid JSON document of this topic', 'malformed_message');
  }
  return decoded;
}

/** Reasons may quote the message (a store's parse error does): bounded, as headers are not for payloads. */
const MAX_REASON_CHARS = 1_000;

/** Sends messages a stage could not handle to their topic's dead-letter topic, each with why. */
export async function publishDeadLetters(bus: Bus, messages: readonly DeliveredMessage[], reason: string | ((message: DeliveredMessage, index: number) => string), code: string): Promise<void> {
  if (messages.length === 0) return;
  await bus.publish(
    deadLetterTopic(messages[0]!.topic),
    messages.map((message, index) => ({ key: message.key, value: message.value, headers: { 'x-error': (typeof reason === 'string' ? reason : reason(message, index)).slice(0, MAX_REASON_CHARS), 'x-error-code': code, 'x-original-topic': message.topic } })),
  );
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
