import type { Client, estypes } from '@elastic/elasticsearch';
import { auditHash, GENESIS_HASH, type AuditEntry, type AuditInput } from '../../../core/domain/audit.js';
import { UnavailableError } from '../../../core/errors.js';
import type { AuditStore } from '../../../core/ports/stores.js';
import type { IndexNames } from './index-names.js';
import { esRequest, isNotFound, isVersionConflict, translateError } from './translate-error.js';

interface ChainHead {
  seq: number;
  hash: string;
}

const DEFAULT_LIMIT = 100;
const MAX_APPEND_ATTEMPTS = 100;

/**
 * The document id is the sequence number and entries are created with `op_type: create`, so two
 * writers can never both write entry n: the loser learns about entry n, links to it and tries n+1.
 * The chain head is found with realtime gets, which see entries the search index does not show yet.
 */
export class EsAuditStore implements AuditStore {
  private head: ChainHead | undefined;

  constructor(
    private readonly client: Client,
    private readonly names: IndexNames,
  ) {}

  async append(input: AuditInput, at: string): Promise<AuditEntry> {
    let head = this.head ?? (await this.lastSearchable());
    for (let attempt = 1; attempt <= MAX_APPEND_ATTEMPTS; attempt += 1) {
      head = await this.walkToEnd(head);
      const body = { ...input, seq: head.seq + 1, at };
      const entry: AuditEntry = { ...body, prevHash: head.hash, hash: auditHash(head.hash, body) };
      try {
        await this.client.index({ index: this.names.audit, id: String(entry.seq), document: entry, op_type: 'create', refresh: false });
        this.remember({ seq: entry.seq, hash: entry.hash });
        return entry;
      } catch (error) {
        if (!isVersionConflict(error)) throw translateError(error, 'audit store');
      }
    }
    throw new UnavailableError('audit store (chain head stayed contended)');
  }

  async list(options: { objectId?: string; limit?: number; afterSeq?: number }): Promise<AuditEntry[]> {
    const filter: estypes.QueryDslQueryContainer[] = [{ range: { seq: { gt: options.afterSeq ?? 0 } } }];
    if (options.objectId !== undefined) filter.push({ term: { objectId: options.objectId } });
    const response = await esRequest('audit store', () =>
      this.client.search<AuditEntry>({ index: this.names.audit, size: options.limit ?? DEFAULT_LIMIT, query: { bool: { filter } }, sort: [{ seq: 'asc' }] }),
    );
    return response.hits.hits.flatMap((hit) => (hit._source === undefined ? [] : [hit._source]));
  }

  private async lastSearchable(): Promise<ChainHead> {
    const response = await esRequest('audit store', () => this.client.search<AuditEntry>({ index: this.names.audit, size: 1, sort: [{ seq: 'desc' }] }));
    const last = response.hits.hits[0]?._source;
    return last === undefined ? { seq: 0, hash: GENESIS_HASH } : { seq: last.seq, hash: last.hash };
  }

  private async walkToEnd(from: ChainHead): Promise<ChainHead> {
    let head = from;
    for (;;) {
      const next = await this.entry(head.seq + 1);
      if (next === undefined) return head;
      head = { seq: next.seq, hash: next.hash };
    }
  }

  private async entry(seq: number): Promise<AuditEntry | undefined> {
    try {
      return (await this.client.get<AuditEntry>({ index: this.names.audit, id: String(seq) }))._source;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw translateError(error, 'audit store');
    }
  }

  private remember(head: ChainHead): void {
    if (this.head === undefined || head.seq > this.head.seq) this.head = head;
  }
}
