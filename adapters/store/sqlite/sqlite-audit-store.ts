import type Database from 'better-sqlite3';
import { auditHash, GENESIS_HASH, type AuditEntry, type AuditInput } from '../../../core/domain/audit.js';
import type { AuditStore } from '../../../core/ports/stores.js';
import { runSql } from './run-sql.js';

const DEFAULT_LIMIT = 100;

export class SqliteAuditStore implements AuditStore {
  private readonly appendEntry;

  constructor(private readonly db: Database.Database) {
    const last = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1');
    const insert = db.prepare<[number, string, string, string]>('INSERT INTO audit (seq, object_id, hash, doc) VALUES (?, ?, ?, ?)');
    this.appendEntry = db.transaction((input: AuditInput, at: string): AuditEntry => {
      const previous = last.get();
      const seq = (previous?.seq ?? 0) + 1;
      const prevHash = previous?.hash ?? GENESIS_HASH;
      const body = { ...input, seq, at };
      const entry: AuditEntry = { ...body, prevHash, hash: auditHash(prevHash, body) };
      insert.run(seq, entry.objectId, entry.hash, JSON.stringify(entry));
      return entry;
    });
  }

  /**
   * IMMEDIATE takes the write lock before reading the chain head, so a second process appending at
   * the same moment waits instead of computing the same sequence number.
   */
  append(entry: AuditInput, at: string): Promise<AuditEntry> {
    return runSql(() => this.appendEntry.immediate(entry, at));
  }

  list(options: { objectId?: string; limit?: number; afterSeq?: number }): Promise<AuditEntry[]> {
    return runSql(() => {
      const where = ['seq > ?'];
      const params: (string | number)[] = [options.afterSeq ?? 0];
      if (options.objectId !== undefined) {
        where.push('object_id = ?');
        params.push(options.objectId);
      }
      return this.db
        .prepare<(string | number)[], { doc: string }>(`SELECT doc FROM audit WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ?`)
        .all(...params, options.limit ?? DEFAULT_LIMIT)
        .map((row) => JSON.parse(row.doc) as AuditEntry);
    });
  }
}
