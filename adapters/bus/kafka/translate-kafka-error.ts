import kafkajs from 'kafkajs';
import { LagebildError, UnavailableError } from '../../../core/errors.js';

const { KafkaJSError, KafkaJSProtocolError } = kafkajs;

/** kafkajs nests the error that made it give up in `cause` (or `originalError` in older paths). */
function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current instanceof Error && chain.length < 10) {
    chain.push(current);
    current = (current as Error & { originalError?: unknown }).originalError ?? current.cause;
  }
  return chain;
}

/**
 * What the broker refuses for the request's content: sending the same request again cannot help.
 * Every other broker-side error (no broker, leader moving, a producer sequence or epoch reset after a
 * broker restart) passes, so it is retried rather than dead-lettering good messages.
 * Codes: https://kafka.apache.org/protocol#protocol_error_codes
 */
const REFUSED_FOR_CONTENT = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD', 'CORRUPT_MESSAGE', 'INVALID_TOPIC_EXCEPTION', 'UNSUPPORTED_FOR_MESSAGE_FORMAT', 'TOPIC_AUTHORIZATION_FAILED']);

function refusedForContent(error: unknown): boolean {
  return error instanceof KafkaJSProtocolError && REFUSED_FOR_CONTENT.has(error.type);
}

/** Whether retrying can help: our own flag; for kafkajs errors anything but a refusal of the content. */
export function isRetriableBusError(error: unknown): boolean {
  if (error instanceof LagebildError) return error.retriable;
  const chain = causes(error);
  if (chain.some(refusedForContent)) return false;
  return chain.some((cause) => cause instanceof KafkaJSError);
}

/**
 * Turns a kafkajs error into ours at the adapter boundary: what the broker refuses for its content
 * is a non-retriable `bus_rejected`; everything else kafkajs reports is UnavailableError.
 */
export function translateKafkaError(error: unknown): unknown {
  if (!(error instanceof KafkaJSError)) return error;
  if (isRetriableBusError(error)) return new UnavailableError('kafka', error);
  return new LagebildError('bus_rejected', `kafka rejected the request: ${error.message}`, { cause: error });
}
