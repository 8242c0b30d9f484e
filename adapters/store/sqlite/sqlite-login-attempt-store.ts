import type Database from 'better-sqlite3';
import type { AttemptDecision, LoginAttempt, LoginAttemptStore } from '../../../core/ports/login-attempt-store.js';
import { runSql } from './run-sql.js';

/**
 * Every decision is one IMMEDIATE transaction: it takes the write lock before its first read, so two
 * processes on the same file cannot both read a count below the limit and both add to it.
 */
export class SqliteLoginAttemptStore implements LoginAttemptStore {
  constructor(private readonly db: Database.Database) {}

  reserve(attempt: LoginAttempt): Promise<AttemptDecision> {
    const now = attempt.at.getTime();
    return runSql(() =>
      this.db
        .transaction((): AttemptDecision => {
          this.forgetStale(now, attempt.windowMs);
          const lockedUntil = Math.max(0, ...attempt.keys.map(({ key }) => this.lockedUntil(key, now)));
          if (lockedUntil > now) return { allowed: false, retryAfterMs: lockedUntil - now };
          for (const { key, limit } of attempt.keys) {
            this.db.prepare<[string, string, number]>('INSERT INTO login_attempts (key, attempt_id, at_ms) VALUES (?, ?, ?)').run(key, attempt.id, now);
            // The attempts stay while the key is locked, so that a release can tell whether the lock still stands.
            if (this.count(key) >= limit) this.db.prepare<[string, number]>('INSERT OR REPLACE INTO login_locks (key, until_ms) VALUES (?, ?)').run(key, now + attempt.lockoutMs);
          }
          return { allowed: true };
        })
        .immediate(),
    );
  }

  release(attempt: LoginAttempt): Promise<void> {
    return runSql(() =>
      this.db
        .transaction(() => {
          for (const { key, limit } of attempt.keys) {
            this.db.prepare<[string, string]>('DELETE FROM login_attempts WHERE key = ? AND attempt_id = ?').run(key, attempt.id);
            if (this.count(key) < limit) this.db.prepare<[string]>('DELETE FROM login_locks WHERE key = ?').run(key);
          }
        })
        .immediate(),
    );
  }

  clear(key: string): Promise<void> {
    return runSql(() =>
      this.db
        .transaction(() => {
          this.db.prepare<[string]>('DELETE FROM login_attempts WHERE key = ?').run(key);
          this.db.prepare<[string]>('DELETE FROM login_locks WHERE key = ?').run(key);
        })
        .immediate(),
    );
  }

  /**
   * Drops expired locks with their attempts (after a lockout a key starts afresh) and attempts older
   * than the window of keys not locked, for every key at once: the table never outgrows one window.
   */
  private forgetStale(now: number, windowMs: number): void {
    this.db.prepare<[number]>('DELETE FROM login_attempts WHERE key IN (SELECT key FROM login_locks WHERE until_ms <= ?)').run(now);
    this.db.prepare<[number]>('DELETE FROM login_locks WHERE until_ms <= ?').run(now);
    this.db.prepare<[number]>('DELETE FROM login_attempts WHERE at_ms <= ? AND key NOT IN (SELECT key FROM login_locks)').run(now - windowMs);
  }

  private lockedUntil(key: string, now: number): number {
    return this.db.prepare<[string], { until_ms: number }>('SELECT until_ms FROM login_locks WHERE key = ?').get(key)?.until_ms ?? now;
  }

  private count(key: string): number {
    return this.db.prepare<[string], { count: number }>('SELECT count(*) AS count FROM login_attempts WHERE key = ?').get(key)!.count;
  }
}
