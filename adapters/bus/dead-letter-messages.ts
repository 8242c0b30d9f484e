import { errorMessage, LagebildError } from '../../core/errors.js';
import type { DeliveredMessage, OutgoingMessage } from '../../core/ports/bus.js';

/** Error messages may quote the payload; headers carry the reason, bounded, not a second copy. */
const MAX_REASON_CHARS = 1_000;

/**
 * The messages a non-retriable failure sends to the dead-letter topic: key, value and headers as
 * they were, plus why and where from, so that an operator can inspect and replay them. Both bus
 * adapters write the same headers (documented in docs/bus.md).
 */
export function deadLetterMessages(messages: DeliveredMessage[], error: unknown): OutgoingMessage[] {
  const code = error instanceof LagebildError ? error.code : 'unhandled_error';
  return messages.map((message) => ({
    key: message.key,
    value: message.value,
    headers: {
      ...message.headers,
      'x-error': errorMessage(error).slice(0, MAX_REASON_CHARS),
      'x-error-code': code,
      'x-original-topic': message.topic,
      'x-original-partition': String(message.partition),
      'x-original-offset': message.offset,
    },
  }));
}
