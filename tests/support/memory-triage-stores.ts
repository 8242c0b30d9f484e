import { canSee, type Scope } from '../../core/domain/scope.js';
import type { CommentStore, IncidentComment, RefreshTokenRecord, RefreshTokenStore, TriageStores } from '../../core/ports/triage-stores.js';

/**
 * In-memory CommentStore and RefreshTokenStore. Obsolete: SqliteStore implements TriageStores itself;
 * delete this file once tests/integration/warnings-flow.test.ts no longer uses it.
 */
export function memoryTriageStores(): Pick<TriageStores, 'comments' | 'refreshTokens'> {
  const comments: IncidentComment[] = [];
  const tokens = new Map<string, RefreshTokenRecord>();
  const commentStore: CommentStore = {
    async add(comment) {
      if (!comments.some((existing) => existing.id === comment.id)) comments.push({ ...comment });
    },
    async list(incidentId: string, scope: Scope) {
      return comments.filter((comment) => comment.incidentId === incidentId && canSee(scope, comment.organizationIds)).map((comment) => ({ ...comment }));
    },
  };
  const refreshTokens: RefreshTokenStore = {
    async insert(record) {
      tokens.set(record.id, { ...record });
    },
    async findByHash(tokenHash) {
      const found = [...tokens.values()].find((record) => record.tokenHash === tokenHash);
      return found && { ...found };
    },
    async markRotated(id, at) {
      const record = tokens.get(id);
      if (!record || record.rotatedAt !== null || record.revokedAt !== null) return false;
      record.rotatedAt = at;
      return true;
    },
    async revokeFamily(familyId, at) {
      for (const record of tokens.values()) if (record.familyId === familyId && record.revokedAt === null) record.revokedAt = at;
    },
    async revokeAllForUser(userId, at) {
      for (const record of tokens.values()) if (record.userId === userId && record.revokedAt === null) record.revokedAt = at;
    },
  };
  return { comments: commentStore, refreshTokens };
}
