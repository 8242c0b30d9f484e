import type Database from 'better-sqlite3';
import type { RefreshTokenRecord, RefreshTokenStore } from '../../../core/ports/triage-stores.js';
import { runSql } from './run-sql.js';

interface RefreshTokenRow {
  id: string;
  family_id: string;
  user_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  rotated_at: string | null;
  revoked_at: string | null;
}

export class SqliteRefreshTokenStore implements RefreshTokenStore {
  constructor(private readonly db: Database.Database) {}

  insert(record: RefreshTokenRecord): Promise<void> {
    return runSql(() => {
      this.db
        .prepare<(string | null)[]>(
          'INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, created_at, expires_at, rotated_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(record.id, record.familyId, record.userId, record.tokenHash, record.createdAt, record.expiresAt, record.rotatedAt, record.revokedAt);
    });
  }

  findByHash(tokenHash: string): Promise<RefreshTokenRecord | undefined> {
    return runSql(() => {
      const row = this.db.prepare<[string], RefreshTokenRow>('SELECT * FROM refresh_tokens WHERE token_hash = ?').get(tokenHash);
      return row === undefined ? undefined : fromRow(row);
    });
  }

  /** One conditional UPDATE: of two concurrent refreshes, only the first changes the row. */
  markRotated(id: string, at: string): Promise<boolean> {
    return runSql(() => this.db.prepare<[string, string]>('UPDATE refresh_tokens SET rotated_at = ? WHERE id = ? AND rotated_at IS NULL AND revoked_at IS NULL').run(at, id).changes === 1);
  }

  revokeFamily(familyId: string, at: string): Promise<void> {
    return runSql(() => {
      this.db.prepare<[string, string]>('UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL').run(at, familyId);
    });
  }

  revokeAllForUser(userId: string, at: string): Promise<void> {
    return runSql(() => {
      this.db.prepare<[string, string]>('UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL').run(at, userId);
    });
  }
}

function fromRow(row: RefreshTokenRow): RefreshTokenRecord {
  return {
    id: row.id,
    familyId: row.family_id,
    userId: row.user_id,
    tokenHash: row.token_hash,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    rotatedAt: row.rotated_at,
    revokedAt: row.revoked_at,
  };
}
