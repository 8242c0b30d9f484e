import type { Client, estypes } from '@elastic/elasticsearch';
import { RejectedDocumentsError, UnavailableError } from '../../../core/errors.js';
import type { Logger } from '../../../core/logging.js';
import { esRequest, isRejectedDocument } from './translate-error.js';

export interface BulkDocument {
  index: string;
  id: string;
  document: unknown;
}

const MAX_ATTEMPTS = 6;
const FIRST_BACKOFF_MS = 100;

/**
 * Indexes documents by id in one bulk request. Items refused for their content (mapping, parsing) are
 * reported together as a non-retriable error after the rest has been written. Every other refusal
 * (load, server errors, and the 4xx states of a node that is starting or stopping: blocks, missing or
 * closed shards) is sent again, alone, with exponential backoff, and finally reported as retriable:
 * the caller's batch must be redelivered, not dead-lettered, because the documents are good.
 */
export async function bulkWrite(client: Client, documents: BulkDocument[], what: string, logger: Logger): Promise<void> {
  let pending = documents;
  const rejected: { id: string; reason: string }[] = [];
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    const batch = pending;
    const response = await esRequest(what, () =>
      client.bulk({ refresh: false, operations: batch.flatMap((item) => [{ index: { _index: item.index, _id: item.id } }, item.document]) }),
    );
    if (!response.errors) break;
    const retry: BulkDocument[] = [];
    let retryReason = '';
    response.items.forEach((item, position) => {
      const result = item.index;
      if (result?.error === undefined) return;
      if (isRejectedDocument(result.error)) {
        rejected.push({ id: batch[position]!.id, reason: describe(result.error) });
        return;
      }
      retry.push(batch[position]!);
      retryReason ||= `${result.status} ${describe(result.error)}`;
    });
    if (retry.length === 0) break;
    if (attempt >= MAX_ATTEMPTS) throw new UnavailableError(`${what} (${retry.length} documents still refused after ${attempt} attempts, first: ${retryReason})`);
    const delay = FIRST_BACKOFF_MS * 2 ** (attempt - 1);
    logger.warn({ documents: retry.length, attempt, delayMs: delay, reason: retryReason }, 'bulk write partly refused, retrying');
    await new Promise((resolve) => setTimeout(resolve, delay));
    pending = retry;
  }
  if (rejected.length > 0) {
    throw new RejectedDocumentsError(what, rejected);
  }
}

function describe(error: estypes.ErrorCause): string {
  return [error.type, error.reason].filter(Boolean).join(': ');
}
