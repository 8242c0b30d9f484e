import type Database from 'better-sqlite3';
import type { StoryStateStore } from '../../../core/ports/stores.js';
import { runSql } from './run-sql.js';

/** The recorder's decision states; the version column makes a write conditional on what was read. */
export class SqliteStoryStateStore implements StoryStateStore {
  private readonly select;
  private readonly insert;
  private readonly replace;

  constructor(db: Database.Database) {
    this.select = db.prepare<[string], { version: number; state: string }>('SELECT version, state FROM incident_stories WHERE key = ?');
    this.insert = db.prepare<[string, string]>('INSERT OR IGNORE INTO incident_stories (key, version, state) VALUES (?, 1, ?)');
    this.replace = db.prepare<[string, string, number]>('UPDATE incident_stories SET state = ?, version = version + 1 WHERE key = ? AND version = ?');
  }

  read(key: string): Promise<{ state: unknown; version: string } | undefined> {
    return runSql(() => {
      const row = this.select.get(key);
      return row === undefined ? undefined : { state: JSON.parse(row.state) as unknown, version: String(row.version) };
    });
  }

  write(key: string, state: unknown, version: string | undefined): Promise<boolean> {
    return runSql(() => {
      const json = JSON.stringify(state);
      const result = version === undefined ? this.insert.run(key, json) : this.replace.run(json, key, Number(version));
      return result.changes === 1;
    });
  }
}
