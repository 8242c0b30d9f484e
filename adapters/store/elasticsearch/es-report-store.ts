import type { Client, estypes } from '@elastic/elasticsearch';
import type { Report, ReportVersion } from '../../../core/domain/report.js';
import { canSee, type Scope } from '../../../core/domain/scope.js';
import { ConflictError, NotFoundError } from '../../../core/errors.js';
import type { ReportQuery, ReportStore } from '../../../core/ports/reporting-stores.js';
import type { Page } from '../../../core/ports/stores.js';
import { pageByCreation } from './page-by-creation.js';
import type { IndexNames } from './index-names.js';
import { scopeFilter } from './scope-filter.js';
import { esRequest, isNotFound, isVersionConflict, translateError } from './translate-error.js';

/** More corrections than any report collects; one search returns them all. */
const MAX_VERSIONS = 10_000;

/**
 * Reports and their versions. Every write waits for the refresh: the officer's next step (the report
 * detail with its versions, or a second report for the same phase, which must be refused) searches.
 */
export class EsReportStore implements ReportStore {
  constructor(
    private readonly client: Client,
    private readonly names: IndexNames,
  ) {}

  async create(report: Report): Promise<void> {
    await esRequest('report store', () =>
      this.client.index({ index: this.names.reports, id: report.id, document: report, op_type: 'create', refresh: 'wait_for' }),
    );
  }

  async get(id: string, scope: Scope): Promise<Report | undefined> {
    const current = await this.read(id);
    return current !== undefined && canSee(scope, [current.report.organizationId]) ? current.report : undefined;
  }

  list(query: ReportQuery, scope: Scope): Promise<Page<Report>> {
    return pageByCreation<Report>(this.client, { index: this.names.reports, what: 'report store', filter: filters(query, scope), order: 'desc', ...query });
  }

  /** Compares the revision on a realtime read, then writes only if nobody wrote since that read (`if_seq_no`). */
  async save(report: Report, expectedRevision: number, scope: Scope): Promise<void> {
    const current = await this.read(report.id);
    if (current === undefined || !canSee(scope, [current.report.organizationId])) throw new NotFoundError('report');
    if (current.report.revision !== expectedRevision) throw new ConflictError(`report ${report.id} was changed by someone else (now revision ${current.report.revision})`);
    try {
      await this.client.index({
        index: this.names.reports,
        id: report.id,
        document: report,
        if_seq_no: current.seqNo,
        if_primary_term: current.primaryTerm,
        refresh: 'wait_for',
      });
    } catch (error) {
      if (isVersionConflict(error)) throw new ConflictError(`report ${report.id} was changed by someone else`);
      throw translateError(error, 'report store');
    }
  }

  /**
   * The id names the version and `create` refuses an existing id, so a version is written once and
   * never replaced; the adapter has no call that updates or deletes one.
   */
  async appendVersion(version: ReportVersion): Promise<void> {
    try {
      await this.client.index({
        index: this.names.reportVersions,
        id: `${version.reportId}:${version.version}`,
        document: version,
        op_type: 'create',
        refresh: 'wait_for',
      });
    } catch (error) {
      if (isVersionConflict(error)) throw new ConflictError(`report ${version.reportId} has a version ${version.version} already`);
      throw translateError(error, 'report store');
    }
  }

  async versions(reportId: string, scope: Scope): Promise<ReportVersion[]> {
    const response = await esRequest('report store', () =>
      this.client.search<ReportVersion>({
        index: this.names.reportVersions,
        size: MAX_VERSIONS,
        query: { bool: { filter: [{ term: { reportId } }, ...scopeFilter(scope, 'organizationId')] } },
        sort: [{ version: 'asc' }],
      }),
    );
    return response.hits.hits.flatMap((hit) => (hit._source === undefined ? [] : [hit._source]));
  }

  /** A realtime get: it sees the latest write even before the index refreshes. */
  private async read(id: string): Promise<{ report: Report; seqNo: number; primaryTerm: number } | undefined> {
    try {
      const response = await this.client.get<Report>({ index: this.names.reports, id });
      if (response._source === undefined || response._seq_no === undefined || response._primary_term === undefined) return undefined;
      return { report: response._source, seqNo: response._seq_no, primaryTerm: response._primary_term };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw translateError(error, 'report store');
    }
  }
}

function filters(query: ReportQuery, scope: Scope): estypes.QueryDslQueryContainer[] {
  const filter: estypes.QueryDslQueryContainer[] = [...scopeFilter(scope, 'organizationId')];
  if (query.organizationId !== undefined) filter.push({ term: { organizationId: query.organizationId } });
  if (query.obligationId !== undefined) filter.push({ term: { obligationId: query.obligationId } });
  if (query.phase !== undefined && query.phase.length > 0) filter.push({ terms: { phase: query.phase } });
  if (query.submitted !== undefined) filter.push(query.submitted ? { range: { currentVersion: { gt: 0 } } } : { term: { currentVersion: 0 } });
  // A null acknowledgedAt is not indexed, so `exists` is exactly "acknowledged".
  if (query.acknowledged !== undefined) {
    const acknowledged: estypes.QueryDslQueryContainer = { exists: { field: 'acknowledgedAt' } };
    filter.push(query.acknowledged ? acknowledged : { bool: { must_not: [acknowledged] } });
  }
  return filter;
}
