import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * WAL lets the API read while the pipeline writes; `synchronous=NORMAL` is durable across process
 * crashes in WAL mode (only a power loss can drop the last transactions), which is the trade the
 * event volume needs. The busy timeout makes a second process wait for the write lock instead of failing.
 */
export function openDatabase(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  return db;
}
