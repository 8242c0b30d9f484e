import { RejectedDocumentsError } from '../core/errors.js';

export interface Rejected<T> {
  item: T;
  reason: string;
}

/**
 * Runs a batch write of documents (`ids[i]` is the id of the document `items[i]` stands for: the
 * bus message it came from, or the document itself) and returns the items whose documents the store
 * refused for their content. The store has written the rest by then, so those alone are
 * dead-lettered and the batch is done; any other failure is thrown for the bus to retry or
 * dead-letter the batch.
 */
export async function writeIsolatingRejections<T>(write: () => Promise<void>, ids: readonly string[], items: readonly T[]): Promise<Rejected<T>[]> {
  try {
    await write();
    return [];
  } catch (error) {
    if (!(error instanceof RejectedDocumentsError)) throw error;
    const reasons = new Map(error.rejected.map(({ id, reason }) => [id, reason]));
    const rejected: Rejected<T>[] = [];
    ids.forEach((id, index) => {
      const reason = reasons.get(id);
      if (reason !== undefined) rejected.push({ item: items[index]!, reason });
    });
    return rejected;
  }
}
