import type { Client } from '@elastic/elasticsearch';
import { UnavailableError } from '../../../core/errors.js';
import type { RefreshTokenRecord, RefreshTokenStore } from '../../../core/ports/triage-stores.js';
import type { IndexNames } from './index-names.js';
import { esRequest, isNotFound, isVersionConflict, translateError } from './translate-error.js';

/** Tokens of one family or one user: a few per session and day. */
const MAX_TOKENS = 10_000;
/** A conflict means someone else changed the token meanwhile; reading again settles it within a few rounds. */
const MAX_WRITE_ATTEMPTS = 20;

interface Versioned {
  record: RefreshTokenRecord;
  seqNo: number;
  primaryTerm: number;
}

export class EsRefreshTokenStore implements RefreshTokenStore {
  constructor(
    private readonly client: Client,
    private readonly names: IndexNames,
  ) {}

  /** wait_for: the token is looked up by hash (a search) on the very next refresh request. */
  async insert(record: RefreshTokenRecord): Promise<void> {
    await esRequest('refresh token store', () =>
      this.client.index({ index: this.names.refreshTokens, id: record.id, document: record, op_type: 'create', refresh: 'wait_for' }),
    );
  }

  /** The search finds the id; the realtime get returns the current state, even if rotated a moment ago. */
  async findByHash(tokenHash: string): Promise<RefreshTokenRecord | undefined> {
    const response = await esRequest('refresh token store', () =>
      this.client.search<RefreshTokenRecord>({ index: this.names.refreshTokens, size: 1, _source: false, query: { bool: { filter: [{ term: { tokenHash } }] } } }),
    );
    const id = response.hits.hits[0]?._id;
    return id === undefined ? undefined : (await this.read(id))?.record;
  }

  markRotated(id: string, at: string): Promise<boolean> {
    return this.change(id, (record) => (record.rotatedAt === null && record.revokedAt === null ? { ...record, rotatedAt: at } : undefined));
  }

  async revokeFamily(familyId: string, at: string): Promise<void> {
    await this.revokeWhere('familyId', familyId, at);
  }

  async revokeAllForUser(userId: string, at: string): Promise<void> {
    await this.revokeWhere('userId', userId, at);
  }

  private async revokeWhere(field: 'familyId' | 'userId', value: string, at: string): Promise<void> {
    const response = await esRequest('refresh token store', () =>
      this.client.search({ index: this.names.refreshTokens, size: MAX_TOKENS, _source: false, query: { bool: { filter: [{ term: { [field]: value } }] } } }),
    );
    for (const hit of response.hits.hits) {
      if (hit._id !== undefined) await this.change(hit._id, (record) => (record.revokedAt === null ? { ...record, revokedAt: at } : undefined));
    }
  }

  /**
   * Read, decide, write only if nobody wrote in between (`if_seq_no`/`if_primary_term`), else decide
   * again on what the other writer left: two refreshes racing with one token cannot both rotate it.
   * Returns whether this call wrote.
   */
  private async change(id: string, decide: (record: RefreshTokenRecord) => RefreshTokenRecord | undefined): Promise<boolean> {
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt += 1) {
      const current = await this.read(id);
      const next = current === undefined ? undefined : decide(current.record);
      if (current === undefined || next === undefined) return false;
      try {
        await this.client.index({
          index: this.names.refreshTokens,
          id,
          document: next,
          if_seq_no: current.seqNo,
          if_primary_term: current.primaryTerm,
          refresh: 'wait_for',
        });
        return true;
      } catch (error) {
        if (!isVersionConflict(error)) throw translateError(error, 'refresh token store');
      }
    }
    throw new UnavailableError(`refresh token store (token ${id} stayed contended)`);
  }

  private async read(id: string): Promise<Versioned | undefined> {
    try {
      const response = await this.client.get<RefreshTokenRecord>({ index: this.names.refreshTokens, id });
      if (!response.found || response._source === undefined || response._seq_no === undefined || response._primary_term === undefined) return undefined;
      return { record: response._source, seqNo: response._seq_no, primaryTerm: response._primary_term };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw translateError(error, 'refresh token store');
    }
  }
}
