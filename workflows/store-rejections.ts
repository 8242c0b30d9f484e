import { RejectedDocumentsError } from '../core/errors.js';
import type { DeliveredMessage } from '../core/ports/bus.js';

export interface RejectedMessage {
  message: DeliveredMessage;
  reason: string;
}

/**
 * Runs a batch write whose documents came from `messages` (`ids[i]` is the id of the document of
 * `messages[i]`) and returns the messages whose documents the store refused for their content. The
 * store has written the rest by then, so those alone are dead-lettered and the batch is done; any
 * other failure is thrown for the bus to retry or dead-letter the batch.
 */
export async function writeIsolatingRejections(write: () => Promise<void>, ids: readonly string[], messages: readonly DeliveredMessage[]): Promise<RejectedMessage[]> {
  try {
    await write();
    return [];
  } catch (error) {
    if (!(error instanceof RejectedDocumentsError)) throw error;
    const reasons = new Map(error.rejected.map(({ id, reason }) => [id, reason]));
    const rejected: RejectedMessage[] = [];
    ids.forEach((id, index) => {
      const reason = reasons.get(id);
      if (reason !== undefined) rejected.push({ message: messages[index]!, reason });
    });
    return rejected;
  }
}
