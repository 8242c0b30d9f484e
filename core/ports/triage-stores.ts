import type { Scope } from '../domain/scope.js';
import type { LoginAttemptStore } from './login-attempt-store.js';

/**
 * Stores the triage workflow and authentication need beyond core/ports/stores.ts. Both store
 * adapters implement them next to the aggregates of `Store`; the API receives `Store & TriageStores`.
 */
export interface IncidentComment {
  id: string;
  incidentId: string;
  /** Copied from the incident when the comment is written, so that the store can apply a Scope itself. */
  organizationIds: string[];
  authorId: string;
  authorName: string;
  body: string;
  createdAt: string;
}

export interface CommentStore {
  /** Idempotent by `id`. */
  add(comment: IncidentComment): Promise<void>;
  /** Oldest first; only comments whose `organizationIds` the scope can see. */
  list(incidentId: string, scope: Scope): Promise<IncidentComment[]>;
}

/** A refresh token as stored: never the token itself, only its sha256. */
export interface RefreshTokenRecord {
  id: string;
  /** Every token rotated from the same login shares the family; reuse of a rotated one revokes it. */
  familyId: string;
  userId: string;
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
  /** Set when this token was exchanged for its successor. */
  rotatedAt: string | null;
  revokedAt: string | null;
}

export interface RefreshTokenStore {
  insert(record: RefreshTokenRecord): Promise<void>;
  findByHash(tokenHash: string): Promise<RefreshTokenRecord | undefined>;
  /**
   * Marks the token rotated only if it was neither rotated nor revoked; returns false otherwise.
   * Atomic, so that two concurrent refreshes with the same token cannot both succeed.
   */
  markRotated(id: string, at: string): Promise<boolean>;
  revokeFamily(familyId: string, at: string): Promise<void>;
  revokeAllForUser(userId: string, at: string): Promise<void>;
}

/** Where logs come from over HTTP ingest: the token names the organisation the events belong to. */
export interface LogSource {
  id: string;
  organizationId: string;
  name: string;
  /** The parser the ingest uses for this source's lines (`auto` when absent). */
  parser?: string;
  /** sha256 (hex) of the ingest token; the token itself is shown once and never stored. */
  tokenHash: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface LogSourceStore {
  /** Idempotent by `id`. */
  upsert(source: LogSource): Promise<void>;
  get(id: string, scope: Scope): Promise<LogSource | undefined>;
  /** Oldest first. */
  list(scope: Scope): Promise<LogSource[]>;
  /** Unscoped: ingest knows nothing but the token. Revoked sources are returned too; the caller decides. */
  findByTokenHash(tokenHash: string): Promise<LogSource | undefined>;
  /** Sets `revokedAt` unless already set; returns the source as stored, undefined when not in scope. */
  revoke(id: string, at: string, scope: Scope): Promise<LogSource | undefined>;
}

export interface TriageStores {
  comments: CommentStore;
  refreshTokens: RefreshTokenStore;
  loginAttempts: LoginAttemptStore;
  logSources: LogSourceStore;
}
