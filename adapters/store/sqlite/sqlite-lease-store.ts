import type Database from 'better-sqlite3';
import type { LeaseStore } from '../../../core/ports/stores.js';
import { runSql } from './run-sql.js';

export class SqliteLeaseStore implements LeaseStore {
  constructor(private readonly db: Database.Database) {}

  /** One statement decides: the upsert only writes when the lease is free, expired or already ours. */
  acquire(name: string, holder: string, now: Date, until: Date): Promise<boolean> {
    return runSql(() => {
      const result = this.db
        .prepare<[string, string, number, number]>(
          `INSERT INTO leases (name, holder, until_ms) VALUES (?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until_ms = excluded.until_ms
           WHERE leases.holder = excluded.holder OR leases.until_ms <= ?`,
        )
        .run(name, holder, until.getTime(), now.getTime());
      return result.changes === 1;
    });
  }
}
