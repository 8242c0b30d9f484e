import { errors } from '@elastic/elasticsearch';
import { ConflictError, errorMessage, LagebildError, UnavailableError } from '../../../core/errors.js';

/** Elasticsearch's own error type names, from the `error.type` of a response body. */
const REJECTED_DOCUMENT = /mapper_parsing_exception|document_parsing_exception|illegal_argument_exception|strict_dynamic_mapping_exception/;

/**
 * Maps client errors onto LagebildErrors. Overload (429), server errors and unreachable nodes
 * pass with time, so they are retriable; a document the mapping refuses never will be.
 */
export function translateError(error: unknown, what: string): LagebildError {
  if (error instanceof LagebildError) return error;
  if (error instanceof errors.ResponseError) {
    const status = error.statusCode ?? 0;
    if (status === 429 || status >= 500) return new UnavailableError(what, error);
    if (status === 409) return new ConflictError(`${what}: version conflict`);
    const reason = responseReason(error.body);
    if (REJECTED_DOCUMENT.test(reason)) return new LagebildError('store_rejected', `${what}: ${reason}`, { status: 400, cause: error });
    return new LagebildError('store_failed', `${what}: ${reason || `status ${status}`}`, { cause: error });
  }
  if (error instanceof errors.ConnectionError || error instanceof errors.TimeoutError || error instanceof errors.NoLivingConnectionsError) {
    return new UnavailableError(what, error);
  }
  return new LagebildError('store_failed', `${what}: ${errorMessage(error)}`, { cause: error });
}

function responseReason(body: unknown): string {
  const cause = (body as { error?: { type?: string; reason?: string } } | undefined)?.error;
  if (typeof cause !== 'object' || cause === null) return '';
  return [cause.type, cause.reason].filter(Boolean).join(': ');
}

/** True for a response that says "no such document"; such answers are results, not failures. */
export function isNotFound(error: unknown): boolean {
  return error instanceof errors.ResponseError && error.statusCode === 404;
}

export function isAlreadyExists(error: unknown): boolean {
  return error instanceof errors.ResponseError && responseReason(error.body).startsWith('resource_already_exists_exception');
}

export function isVersionConflict(error: unknown): boolean {
  return error instanceof errors.ResponseError && error.statusCode === 409;
}

/** Runs one client call and lets only LagebildErrors out. */
export async function esRequest<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw translateError(error, what);
  }
}
