import type { Client, estypes } from '@elastic/elasticsearch';
import type { ReportObligation } from '../../../core/domain/report.js';
import { canSee, type Scope } from '../../../core/domain/scope.js';
import { ConflictError, NotFoundError } from '../../../core/errors.js';
import type { ObligationQuery, ObligationStore } from '../../../core/ports/reporting-stores.js';
import type { Page } from '../../../core/ports/stores.js';
import type { IndexNames } from './index-names.js';
import { pageByCreation } from './page-by-creation.js';
import { scopeFilter } from './scope-filter.js';
import { esRequest, isNotFound, isVersionConflict, translateError } from './translate-error.js';

/**
 * The stored document: the obligation plus whether a phase is still unsubmitted. Deadlines are an
 * array of objects, which Elasticsearch flattens, so "some deadline without submittedAt" cannot be
 * asked of them; the flag answers it. It is left out of every read.
 */
type ObligationSource = ReportObligation & { open: boolean };

const DERIVED_FIELDS = ['open'];

/** Writes wait for the refresh: the CERT's list and the deadline jobs search for open obligations. */
export class EsObligationStore implements ObligationStore {
  constructor(
    private readonly client: Client,
    private readonly names: IndexNames,
  ) {}

  async create(obligation: ReportObligation): Promise<void> {
    await esRequest('obligation store', () =>
      this.client.index({ index: this.names.reportObligations, id: obligation.id, document: toSource(obligation), op_type: 'create', refresh: 'wait_for' }),
    );
  }

  async get(id: string, scope: Scope): Promise<ReportObligation | undefined> {
    const current = await this.read(id);
    return current !== undefined && canSee(scope, [current.obligation.organizationId]) ? current.obligation : undefined;
  }

  list(query: ObligationQuery, scope: Scope): Promise<Page<ReportObligation>> {
    return pageByCreation<ReportObligation>(this.client, {
      index: this.names.reportObligations,
      what: 'obligation store',
      filter: filters(query, scope),
      order: 'asc',
      excludes: DERIVED_FIELDS,
      ...query,
    });
  }

  /** Compares the revision on a realtime read, then writes only if nobody wrote since that read (`if_seq_no`). */
  async save(obligation: ReportObligation, expectedRevision: number, scope: Scope): Promise<void> {
    const current = await this.read(obligation.id);
    if (current === undefined || !canSee(scope, [current.obligation.organizationId])) throw new NotFoundError('report obligation');
    if (current.obligation.revision !== expectedRevision) {
      throw new ConflictError(`report obligation ${obligation.id} was changed by someone else (now revision ${current.obligation.revision})`);
    }
    try {
      await this.client.index({
        index: this.names.reportObligations,
        id: obligation.id,
        document: toSource(obligation),
        if_seq_no: current.seqNo,
        if_primary_term: current.primaryTerm,
        refresh: 'wait_for',
      });
    } catch (error) {
      if (isVersionConflict(error)) throw new ConflictError(`report obligation ${obligation.id} was changed by someone else`);
      throw translateError(error, 'obligation store');
    }
  }

  /** A realtime get: it sees the latest write even before the index refreshes. */
  private async read(id: string): Promise<{ obligation: ReportObligation; seqNo: number; primaryTerm: number } | undefined> {
    try {
      const response = await this.client.get<ReportObligation>({ index: this.names.reportObligations, id, _source_excludes: DERIVED_FIELDS });
      if (response._source === undefined || response._seq_no === undefined || response._primary_term === undefined) return undefined;
      return { obligation: response._source, seqNo: response._seq_no, primaryTerm: response._primary_term };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw translateError(error, 'obligation store');
    }
  }
}

function toSource(obligation: ReportObligation): ObligationSource {
  return { ...obligation, open: obligation.deadlines.some((deadline) => deadline.submittedAt === null) };
}

function filters(query: ObligationQuery, scope: Scope): estypes.QueryDslQueryContainer[] {
  const filter: estypes.QueryDslQueryContainer[] = [...scopeFilter(scope, 'organizationId')];
  if (query.organizationId !== undefined) filter.push({ term: { organizationId: query.organizationId } });
  if (query.incidentId !== undefined) filter.push({ term: { incidentId: query.incidentId } });
  if (query.open !== undefined) filter.push({ term: { open: query.open } });
  return filter;
}
