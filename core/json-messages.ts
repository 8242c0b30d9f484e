import type { Bus, DeliveredMessage } from './ports/bus.js';
import { deadLetterTopic } from './ports/bus.js';

/**
 * Decodes a batch of JSON messages. Messages that are not valid JSON are dead-lettered on their own
 * so that one poison message never holds up, or takes down, the good ones of its batch.
 */
export async function decodeJsonBatch<T>(bus: Bus, messages: DeliveredMessage[], onPoison?: (count: number) => void): Promise<T[]> {
  const values: T[] = [];
  const poison: DeliveredMessage[] = [];
  for (const message of messages) {
    try {
      values.push(JSON.parse(message.value) as T);
    } catch {
      poison.push(message);
    }
  }
  if (poison.length > 0) {
    onPoison?.(poison.length);
    await bus.publish(
      deadLetterTopic(poison[0]!.topic),
      poison.map((message) => ({ key: message.key, value: message.value, headers: { 'x-error': 'message is not valid JSON', 'x-error-code': 'malformed_message', 'x-original-topic': message.topic } })),
    );
  }
  return values;
}
