import type Database from 'better-sqlite3';
import type { SentNotificationStore } from '../../../core/ports/reporting-stores.js';
import { runSql } from './run-sql.js';

export class SqliteSentNotificationStore implements SentNotificationStore {
  constructor(private readonly db: Database.Database) {}

  /** One statement decides: a new key, or a claim that was never marked sent and has gone stale. */
  claim(key: string, now: Date, staleBefore: Date): Promise<boolean> {
    return runSql(
      () =>
        this.db
          .prepare<[string, number, number]>(
            `INSERT INTO sent_notifications (key, claimed_at_ms) VALUES (?, ?)
             ON CONFLICT (key) DO UPDATE SET claimed_at_ms = excluded.claimed_at_ms
             WHERE sent_notifications.sent_at IS NULL AND sent_notifications.claimed_at_ms < ?`,
          )
          .run(key, now.getTime(), staleBefore.getTime()).changes === 1,
    );
  }

  markSent(key: string, at: Date): Promise<void> {
    return runSql(() => {
      this.db.prepare<[string, string]>('UPDATE sent_notifications SET sent_at = ? WHERE key = ?').run(at.toISOString(), key);
    });
  }

  release(key: string): Promise<void> {
    return runSql(() => {
      this.db.prepare<[string]>('DELETE FROM sent_notifications WHERE key = ? AND sent_at IS NULL').run(key);
    });
  }

  wasSent(key: string): Promise<boolean> {
    return runSql(() => this.db.prepare<[string], { sent_at: string | null }>('SELECT sent_at FROM sent_notifications WHERE key = ?').get(key)?.sent_at != null);
  }
}
