import { errorMessage } from '../../core/errors.js';
import type { Logger } from '../../core/logging.js';
import type { DeliveredMessage } from '../../core/ports/bus.js';

export interface IsolatingHandling {
  /** Hands messages to the subscription's handler; `attempt` counts the failed handlings of these messages so far. */
  deliver(messages: DeliveredMessage[], attempt: number): Promise<void>;
  deadLetter(messages: DeliveredMessage[], error: unknown): Promise<void>;
  /** Waits before the next attempt after a retriable failure; false when the subscription is stopping. */
  backOff(error: unknown, attempt: number, messages: DeliveredMessage[]): Promise<boolean>;
  /** Whether retrying can help; adapters know their library's errors besides LagebildError. */
  isRetriable(error: unknown): boolean;
  logger: Logger;
}

/**
 * Handles a batch so that one poison message costs one dead letter: when the handler fails for
 * good, the batch is halved and each half handled again, until the failing message stands alone
 * and is dead-lettered (handlers are idempotent, so the good half being handled twice is harmless).
 * Retriable failures are retried in place. Dead-lettering terminates: an outage of the
 * dead-letter topic is waited out like any other, a refusal is logged and the message given up.
 * Resolves true once every message is done with, false when stopping left some unhandled.
 */
export async function handleIsolating(batch: DeliveredMessage[], handling: IsolatingHandling): Promise<boolean> {
  const parts = [batch];
  while (parts.length > 0) {
    const part = parts.shift()!;
    for (let attempt = 0; ; attempt += 1) {
      try {
        await handling.deliver(part, attempt);
        break;
      } catch (error) {
        if (handling.isRetriable(error)) {
          if (!(await handling.backOff(error, attempt, part))) return false;
          continue;
        }
        if (part.length > 1) {
          const middle = part.length >> 1;
          parts.unshift(part.slice(0, middle), part.slice(middle));
          break;
        }
        const message = part[0]!;
        handling.logger.error({ error, topic: message.topic, partition: message.partition, offset: message.offset }, 'Handler failed for good, message sent to the dead-letter topic');
        if (!(await deadLetterTerminating(part, error, handling))) return false;
        break;
      }
    }
  }
  return true;
}

async function deadLetterTerminating(messages: DeliveredMessage[], cause: unknown, handling: IsolatingHandling): Promise<boolean> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await handling.deadLetter(messages, cause);
      return true;
    } catch (error) {
      if (!handling.isRetriable(error)) {
        handling.logger.error({ error, cause: errorMessage(cause), topic: messages[0]!.topic, offset: messages[0]!.offset }, 'The dead-letter topic refused the message; it is lost');
        return true;
      }
      if (!(await handling.backOff(error, attempt, messages))) return false;
    }
  }
}
