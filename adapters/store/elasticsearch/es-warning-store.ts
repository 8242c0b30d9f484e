import type { Client, estypes } from '@elastic/elasticsearch';
import type { Warning } from '../../../core/domain/warning.js';
import { ConflictError, UnavailableError } from '../../../core/errors.js';
import type { Page } from '../../../core/ports/stores.js';
import type { WarningQuery, WarningStore, WarningViewer } from '../../../core/ports/warning-stores.js';
import type { IndexNames } from './index-names.js';
import { pageByCreation } from './page-by-creation.js';
import { esRequest, isNotFound, isVersionConflict, translateError } from './translate-error.js';

/** The per-year counter document behind the tracking ids. */
interface CounterSource {
  year: number;
  last: number;
}

/** Enough for every analyst of the CERT publishing in the same second, from several instances. */
const MAX_COUNTER_ATTEMPTS = 100;
/** One page of the escalation job's full read; it pages on until the end. */
const PUBLISHED_PAGE = 1000;

/**
 * Warnings. Creates and replacements wait for the refresh: a published warning must be in the
 * recipients' inbox (a search) at once. An organisation's reads are searches with the visibility
 * filter in the query, the same rule the SQLite store puts in its WHERE clause.
 */
export class EsWarningStore implements WarningStore {
  constructor(
    private readonly client: Client,
    private readonly names: IndexNames,
  ) {}

  async create(warning: Warning): Promise<void> {
    try {
      await this.client.index({ index: this.names.warnings, id: warning.id, document: warning, op_type: 'create', refresh: 'wait_for' });
    } catch (error) {
      if (isVersionConflict(error)) throw new ConflictError(`warning ${warning.id} exists`);
      throw translateError(error, 'warning store');
    }
  }

  /** Compares the version on a realtime read, then writes only if nobody wrote since that read (`if_seq_no`). */
  async replace(warning: Warning, expectedVersion: number): Promise<void> {
    const current = await this.read(warning.id);
    if (current?.warning.version !== expectedVersion) throw new ConflictError(`warning ${warning.id} is not at version ${expectedVersion}`);
    try {
      await this.client.index({
        index: this.names.warnings,
        id: warning.id,
        document: warning,
        if_seq_no: current.seqNo,
        if_primary_term: current.primaryTerm,
        refresh: 'wait_for',
      });
    } catch (error) {
      if (isVersionConflict(error)) throw new ConflictError(`warning ${warning.id} is not at version ${expectedVersion}`);
      throw translateError(error, 'warning store');
    }
  }

  async get(id: string, viewer: WarningViewer): Promise<Warning | undefined> {
    // The CERT sees every warning, so its read can be the realtime get that sees drafts just saved.
    if (viewer.scope.kind === 'all') return (await this.read(id))?.warning;
    const response = await esRequest('warning store', () =>
      this.client.search<Warning>({ index: this.names.warnings, size: 1, query: { bool: { filter: [{ ids: { values: [id] } }, ...visibleTo(viewer)] } } }),
    );
    return response.hits.hits[0]?._source;
  }

  list(query: WarningQuery, viewer: WarningViewer): Promise<Page<Warning>> {
    const filter = [...visibleTo(viewer)];
    if (query.status !== undefined && query.status.length > 0) filter.push({ terms: { status: query.status } });
    return pageByCreation<Warning>(this.client, {
      index: this.names.warnings,
      what: 'warning store',
      filter,
      order: 'desc',
      ...(query.limit === undefined ? {} : { limit: query.limit }),
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    });
  }

  async listPublished(): Promise<Warning[]> {
    const warnings: Warning[] = [];
    let after: estypes.SortResults | undefined;
    for (;;) {
      const response = await esRequest('warning store', () =>
        this.client.search<Warning>({
          index: this.names.warnings,
          size: PUBLISHED_PAGE,
          query: { bool: { filter: [{ term: { status: 'published' } }] } },
          sort: [{ createdAt: 'asc' }, { id: 'asc' }],
          ...(after === undefined ? {} : { search_after: after }),
        }),
      );
      const hits = response.hits.hits;
      for (const hit of hits) if (hit._source !== undefined) warnings.push(hit._source);
      after = hits[hits.length - 1]?.sort;
      if (hits.length < PUBLISHED_PAGE || after === undefined) return warnings;
    }
  }

  /**
   * One counter document per year: the first number is written with `op_type: create`, every later
   * one with `if_seq_no`, so two writers can never both take the same number; the loser reads what
   * the winner wrote (realtime get) and tries again.
   */
  async nextTrackingNumber(year: number): Promise<number> {
    const id = String(year);
    for (let attempt = 1; attempt <= MAX_COUNTER_ATTEMPTS; attempt += 1) {
      const current = await this.readCounter(id);
      const next = (current?.last ?? 0) + 1;
      try {
        await this.client.index({
          index: this.names.warningCounters,
          id,
          document: { year, last: next } satisfies CounterSource,
          refresh: false,
          ...(current === undefined ? { op_type: 'create' as const } : { if_seq_no: current.seqNo, if_primary_term: current.primaryTerm }),
        });
        return next;
      } catch (error) {
        if (!isVersionConflict(error)) throw translateError(error, 'warning store');
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * Math.min(attempt, 10)));
      }
    }
    throw new UnavailableError(`warning store (tracking counter ${year} stayed contended)`);
  }

  /** A realtime get: it sees the latest write even before the index refreshes. */
  private async read(id: string): Promise<{ warning: Warning; seqNo: number; primaryTerm: number } | undefined> {
    try {
      const response = await this.client.get<Warning>({ index: this.names.warnings, id });
      if (!response.found || response._source === undefined || response._seq_no === undefined || response._primary_term === undefined) return undefined;
      return { warning: response._source, seqNo: response._seq_no, primaryTerm: response._primary_term };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw translateError(error, 'warning store');
    }
  }

  private async readCounter(id: string): Promise<{ last: number; seqNo: number; primaryTerm: number } | undefined> {
    try {
      const response = await this.client.get<CounterSource>({ index: this.names.warningCounters, id });
      if (!response.found || response._source === undefined || response._seq_no === undefined || response._primary_term === undefined) return undefined;
      return { last: response._source.last, seqNo: response._seq_no, primaryTerm: response._primary_term };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw translateError(error, 'warning store');
    }
  }
}

/**
 * An organisation sees a warning only once it is published and addressed to it; a TLP:RED warning
 * only the people it names. Nothing to add for the CERT.
 */
function visibleTo(viewer: WarningViewer): estypes.QueryDslQueryContainer[] {
  if (viewer.scope.kind === 'all') return [];
  return [
    { term: { status: 'published' } },
    { term: { organizationIds: viewer.scope.organizationId } },
    { bool: { should: [{ bool: { must_not: [{ term: { tlp: 'TLP:RED' } }] } }, { term: { recipientUserIds: viewer.userId } }], minimum_should_match: 1 } },
  ];
}
