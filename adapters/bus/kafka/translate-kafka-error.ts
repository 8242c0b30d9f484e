import kafkajs from 'kafkajs';
import { LagebildError, UnavailableError } from '../../../core/errors.js';

const { KafkaJSError, KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded, KafkaJSRequestTimeoutError, KafkaJSBrokerNotFound } = kafkajs;

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

function isConnectionProblem(error: unknown): boolean {
  return (
    error instanceof KafkaJSConnectionError ||
    error instanceof KafkaJSNumberOfRetriesExceeded ||
    error instanceof KafkaJSRequestTimeoutError ||
    error instanceof KafkaJSBrokerNotFound ||
    (error instanceof KafkaJSError && error.retriable)
  );
}

/** Whether retrying can help: our own flag, or kafkajs's for its errors. */
export function isRetriableBusError(error: unknown): boolean {
  if (error instanceof LagebildError) return error.retriable;
  return causes(error).some(isConnectionProblem);
}

/**
 * Turns a kafkajs error into ours at the adapter boundary: anything that a later attempt may fix
 * (broker down, leader moving, timeouts) is UnavailableError; what the broker refuses for good
 * (message too large, invalid topic) is a non-retriable `bus_rejected`.
 */
export function translateKafkaError(error: unknown): unknown {
  if (!(error instanceof KafkaJSError)) return error;
  if (isRetriableBusError(error)) return new UnavailableError('kafka', error);
  return new LagebildError('bus_rejected', `kafka rejected the request: ${error.message}`, { cause: error });
}
