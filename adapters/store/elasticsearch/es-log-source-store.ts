import type { Client } from '@elastic/elasticsearch';
import { canSee, type Scope } from '../../../core/domain/scope.js';
import { UnavailableError } from '../../../core/errors.js';
import type { LogSource, LogSourceStore } from '../../../core/ports/triage-stores.js';
import type { IndexNames } from './index-names.js';
import { scopeFilter } from './scope-filter.js';
import { esRequest, isNotFound, isVersionConflict, translateError } from './translate-error.js';

/** A few per organisation. */
const MAX_SOURCES = 10_000;
const MAX_WRITE_ATTEMPTS = 20;

interface Versioned {
  source: LogSource;
  seqNo: number;
  primaryTerm: number;
}

export class EsLogSourceStore implements LogSourceStore {
  constructor(
    private readonly client: Client,
    private readonly names: IndexNames,
  ) {}

  /** wait_for: the ingest finds a new source by its token hash (a search) right after it was created. */
  async upsert(source: LogSource): Promise<void> {
    await esRequest('log source store', () => this.client.index({ index: this.names.logSources, id: source.id, document: source, refresh: 'wait_for' }));
  }

  async get(id: string, scope: Scope): Promise<LogSource | undefined> {
    const current = await this.read(id);
    return current !== undefined && canSee(scope, [current.source.organizationId]) ? current.source : undefined;
  }

  async list(scope: Scope): Promise<LogSource[]> {
    const response = await esRequest('log source store', () =>
      this.client.search<LogSource>({
        index: this.names.logSources,
        size: MAX_SOURCES,
        query: { bool: { filter: scopeFilter(scope, 'organizationId') } },
        sort: [{ createdAt: 'asc' }, { id: 'asc' }],
      }),
    );
    return response.hits.hits.flatMap((hit) => (hit._source === undefined ? [] : [hit._source]));
  }

  /** The search finds the id; the realtime get returns the current state, so a revocation counts at once. */
  async findByTokenHash(tokenHash: string): Promise<LogSource | undefined> {
    const response = await esRequest('log source store', () =>
      this.client.search({ index: this.names.logSources, size: 1, _source: false, query: { bool: { filter: [{ term: { tokenHash } }] } } }),
    );
    const id = response.hits.hits[0]?._id;
    return id === undefined ? undefined : (await this.read(id))?.source;
  }

  /** Conditional write, so that of two concurrent revocations the first time stays. */
  async revoke(id: string, at: string, scope: Scope): Promise<LogSource | undefined> {
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt += 1) {
      const current = await this.read(id);
      if (current === undefined || !canSee(scope, [current.source.organizationId])) return undefined;
      if (current.source.revokedAt !== null) return current.source;
      const revoked: LogSource = { ...current.source, revokedAt: at };
      try {
        await this.client.index({ index: this.names.logSources, id, document: revoked, if_seq_no: current.seqNo, if_primary_term: current.primaryTerm, refresh: 'wait_for' });
        return revoked;
      } catch (error) {
        if (!isVersionConflict(error)) throw translateError(error, 'log source store');
      }
    }
    throw new UnavailableError(`log source store (source ${id} stayed contended)`);
  }

  private async read(id: string): Promise<Versioned | undefined> {
    try {
      const response = await this.client.get<LogSource>({ index: this.names.logSources, id });
      if (!response.found || response._source === undefined || response._seq_no === undefined || response._primary_term === undefined) return undefined;
      return { source: response._source, seqNo: response._seq_no, primaryTerm: response._primary_term };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw translateError(error, 'log source store');
    }
  }
}
