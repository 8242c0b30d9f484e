import type { Client } from '@elastic/elasticsearch';
import type { SentNotificationStore } from '../../../core/ports/reporting-stores.js';
import type { IndexNames } from './index-names.js';
import { isNotFound, isVersionConflict, translateError } from './translate-error.js';

interface SentNotificationDocument {
  key: string;
  claimedAt: string;
  sentAt: string | null;
}

interface Versioned {
  notification: SentNotificationDocument;
  seqNo: number;
  primaryTerm: number;
}

/** A release or mark that keeps losing to concurrent writers gives up; the claim then goes stale. */
const MAX_ATTEMPTS = 5;

/**
 * One document per key, read and written by id only (realtime), so no write needs a refresh. Every
 * write is conditional — `create` for a new key, `if_seq_no` otherwise — so of two instances
 * deciding on the same key, one wins and the other re-decides on what the winner wrote.
 */
export class EsSentNotificationStore implements SentNotificationStore {
  constructor(
    private readonly client: Client,
    private readonly names: IndexNames,
  ) {}

  async claim(key: string, now: Date, staleBefore: Date): Promise<boolean> {
    const current = await this.read(key);
    if (current !== undefined && (current.notification.sentAt !== null || Date.parse(current.notification.claimedAt) >= staleBefore.getTime())) return false;
    return this.write({ key, claimedAt: now.toISOString(), sentAt: null }, current);
  }

  async markSent(key: string, at: Date): Promise<void> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const current = await this.read(key);
      // Like the SQL UPDATE: without a claim there is nothing to mark.
      if (current === undefined) return;
      if (await this.write({ ...current.notification, sentAt: at.toISOString() }, current)) return;
    }
  }

  async release(key: string): Promise<void> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const current = await this.read(key);
      if (current === undefined || current.notification.sentAt !== null) return;
      try {
        await this.client.delete({ index: this.names.sentNotifications, id: key, if_seq_no: current.seqNo, if_primary_term: current.primaryTerm });
        return;
      } catch (error) {
        if (isNotFound(error)) return;
        if (!isVersionConflict(error)) throw translateError(error, 'sent notification store');
      }
    }
  }

  async wasSent(key: string): Promise<boolean> {
    return (await this.read(key))?.notification.sentAt != null;
  }

  /** False when another writer got there first. */
  private async write(document: SentNotificationDocument, current: Versioned | undefined): Promise<boolean> {
    try {
      await this.client.index({
        index: this.names.sentNotifications,
        id: document.key,
        document,
        refresh: false,
        ...(current === undefined ? { op_type: 'create' as const } : { if_seq_no: current.seqNo, if_primary_term: current.primaryTerm }),
      });
      return true;
    } catch (error) {
      if (isVersionConflict(error)) return false;
      throw translateError(error, 'sent notification store');
    }
  }

  private async read(key: string): Promise<Versioned | undefined> {
    try {
      const response = await this.client.get<SentNotificationDocument>({ index: this.names.sentNotifications, id: key });
      if (response._source === undefined || response._seq_no === undefined || response._primary_term === undefined) return undefined;
      return { notification: response._source, seqNo: response._seq_no, primaryTerm: response._primary_term };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw translateError(error, 'sent notification store');
    }
  }
}
