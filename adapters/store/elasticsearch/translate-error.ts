import { errors } from '@elastic/elasticsearch';
import { ConflictError, errorMessage, LagebildError, UnavailableError } from '../../../core/errors.js';

/** Elasticsearch's own error type names, from the `error.type` of a response body. */
const REJECTED_DOCUMENT = /mapper_parsing_exception|document_parsing_exception|illegal_argument_exception|strict_dynamic_mapping_exception/;

/**
 * Error types that describe the cluster's state, not the request: a node starting (state not yet
 * recovered, shards not yet assigned or started), shutting down (shards closing) or blocked. Some come
 * with a 4xx status (`cluster_block_exception` 403, `index_not_found_exception` and
 * `shard_not_found_exception` 404), so the status alone would call them permanent.
 */
const TRANSIENT_TYPES = new Set([
  'cluster_block_exception',
  'index_not_found_exception',
  'shard_not_found_exception',
  'no_shard_available_action_exception',
  'unavailable_shards_exception',
  'primary_missing_action_exception',
  'illegal_index_shard_state_exception',
  'index_shard_closed_exception',
  'shard_not_in_primary_mode_exception',
  'node_closed_exception',
  'node_not_connected_exception',
  'node_disconnected_exception',
  'connect_transport_exception',
  'es_rejected_execution_exception',
  'circuit_breaking_exception',
]);

/** The `error` object of a response body or of one bulk item. */
export interface EsErrorCause {
  type?: string;
  reason?: string | null;
  caused_by?: EsErrorCause;
}

/** True when the cluster may accept the same request later: overload, server errors, start-up and shutdown states. */
export function isTransient(status: number, cause: EsErrorCause | undefined): boolean {
  if (status === 429 || status >= 500) return true;
  for (let current = cause; current !== undefined; current = current.caused_by) {
    if (current.type !== undefined && TRANSIENT_TYPES.has(current.type)) return true;
  }
  return false;
}

/** True when the document itself is the problem (mapping, parsing): sending it again cannot help. */
export function isRejectedDocument(cause: EsErrorCause | undefined): boolean {
  return cause?.type !== undefined && REJECTED_DOCUMENT.test(cause.type);
}

/**
 * Maps client errors onto LagebildErrors. Overload (429), server errors, unreachable nodes and a
 * cluster that is starting or stopping pass with time, so they are retriable; a document the
 * mapping refuses never will be.
 */
export function translateError(error: unknown, what: string): LagebildError {
  if (error instanceof LagebildError) return error;
  if (error instanceof errors.ResponseError) {
    const status = error.statusCode ?? 0;
    const cause = responseCause(error.body);
    if (isTransient(status, cause)) return new UnavailableError(what, error);
    if (status === 409) return new ConflictError(`${what}: version conflict`);
    const reason = responseReason(error.body);
    if (isRejectedDocument(cause)) return new LagebildError('store_rejected', `${what}: ${reason}`, { status: 400, cause: error });
    return new LagebildError('store_failed', `${what}: ${reason || `status ${status}`}`, { cause: error });
  }
  if (error instanceof errors.ConnectionError || error instanceof errors.TimeoutError || error instanceof errors.NoLivingConnectionsError) {
    return new UnavailableError(what, error);
  }
  return new LagebildError('store_failed', `${what}: ${errorMessage(error)}`, { cause: error });
}

function responseCause(body: unknown): EsErrorCause | undefined {
  const cause = (body as { error?: unknown } | undefined)?.error;
  return typeof cause === 'object' && cause !== null ? (cause as EsErrorCause) : undefined;
}

function responseReason(body: unknown): string {
  const cause = responseCause(body);
  if (cause === undefined) return '';
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
