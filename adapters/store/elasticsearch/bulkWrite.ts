import type { Client, estypes } from '@elastic/elasticsearch';
import { LagebildError, UnavailableError } from '../../../core/errors.js';
import type { Logger } from '../../../core/logging.js';
import { esRequest } from './translateError.js';

export interface BulkDocument {
  index: string;
  id: string;
  document: unknown;
}

const MAX_ATTEMPTS = 6;
const FIRST_BACKOFF_MS = 100;

/**
 * Indexes documents by id in one bulk request. Items the cluster refused for load (429) or failure
 * (5xx) are sent again, alone, with exponential backoff; items it refused for their content are
 * reported together as a non-retriable error after the rest has been written.
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
    response.items.forEach((item, position) => {
      const result = item.index;
      if (result?.error === undefined) return;
      if (result.status === 429 || result.status >= 500) retry.push(batch[position]!);
      else rejected.push({ id: batch[position]!.id, reason: describe(result.error) });
    });
    if (retry.length === 0) break;
    if (attempt >= MAX_ATTEMPTS) throw new UnavailableError(`${what} (${retry.length} documents still refused after ${attempt} attempts)`);
    const delay = FIRST_BACKOFF_MS * 2 ** (attempt - 1);
    logger.warn({ documents: retry.length, attempt, delayMs: delay }, 'bulk write partly refused, retrying');
    await new Promise((resolve) => setTimeout(resolve, delay));
    pending = retry;
  }
  if (rejected.length > 0) {
    throw new LagebildError('store_rejected', `${what}: ${rejected.length} documents rejected, first: ${rejected[0]!.reason}`, { status: 400, details: rejected });
  }
}

function describe(error: estypes.ErrorCause): string {
  return [error.type, error.reason].filter(Boolean).join(': ');
}
