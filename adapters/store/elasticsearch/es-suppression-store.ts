import type { Client, estypes } from '@elastic/elasticsearch';
import { canSee, type Scope } from '../../../core/domain/scope.js';
import type { Suppression } from '../../../core/domain/suppression.js';
import { ConflictError, UnavailableError } from '../../../core/errors.js';
import type { SuppressionStore } from '../../../core/ports/stores.js';
import type { IndexNames } from './index-names.js';
import { scopeFilter } from './scope-filter.js';
import { esRequest, isNotFound, isVersionConflict, translateError } from './translate-error.js';

/** A few dozen per organisation at most: each one is a decision someone signed with a reason. */
const MAX_SUPPRESSIONS = 10_000;
const MAX_WRITE_ATTEMPTS = 20;

interface Versioned {
  suppression: Suppression;
  seqNo: number;
  primaryTerm: number;
}

/** Writes wait for the refresh: the recorder's next `active` search must see a new suppression or an expiry. */
export class EsSuppressionStore implements SuppressionStore {
  constructor(
    private readonly client: Client,
    private readonly names: IndexNames,
  ) {}

  async create(suppression: Suppression): Promise<void> {
    try {
      await this.client.index({ index: this.names.suppressions, id: suppression.id, document: suppression, op_type: 'create', refresh: 'wait_for' });
    } catch (error) {
      if (isVersionConflict(error)) throw new ConflictError(`suppression ${suppression.id} exists`);
      throw translateError(error, 'suppression store');
    }
  }

  async get(id: string, scope: Scope): Promise<Suppression | undefined> {
    const current = await this.read(id);
    return current !== undefined && canSee(scope, [current.suppression.organizationId]) ? current.suppression : undefined;
  }

  list(scope: Scope): Promise<Suppression[]> {
    return this.search(scopeFilter(scope, 'organizationId'));
  }

  active(now: Date): Promise<Suppression[]> {
    return this.search([{ range: { expiresAt: { gt: now.toISOString() } } }]);
  }

  /** Conditional write, so that of two concurrent expiries the earlier time stays. */
  async expire(id: string, at: string, scope: Scope): Promise<Suppression | undefined> {
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt += 1) {
      const current = await this.read(id);
      if (current === undefined || !canSee(scope, [current.suppression.organizationId])) return undefined;
      if (Date.parse(current.suppression.expiresAt) <= Date.parse(at)) return current.suppression;
      const expired: Suppression = { ...current.suppression, expiresAt: at };
      try {
        await this.client.index({ index: this.names.suppressions, id, document: expired, if_seq_no: current.seqNo, if_primary_term: current.primaryTerm, refresh: 'wait_for' });
        return expired;
      } catch (error) {
        if (!isVersionConflict(error)) throw translateError(error, 'suppression store');
      }
    }
    throw new UnavailableError(`suppression store (suppression ${id} stayed contended)`);
  }

  private async search(filter: estypes.QueryDslQueryContainer[]): Promise<Suppression[]> {
    const response = await esRequest('suppression store', () =>
      this.client.search<Suppression>({
        index: this.names.suppressions,
        size: MAX_SUPPRESSIONS,
        query: { bool: { filter } },
        sort: [{ createdAt: 'desc' }, { id: 'asc' }],
      }),
    );
    return response.hits.hits.flatMap((hit) => (hit._source === undefined ? [] : [hit._source]));
  }

  private async read(id: string): Promise<Versioned | undefined> {
    try {
      const response = await this.client.get<Suppression>({ index: this.names.suppressions, id });
      if (!response.found || response._source === undefined || response._seq_no === undefined || response._primary_term === undefined) return undefined;
      return { suppression: response._source, seqNo: response._seq_no, primaryTerm: response._primary_term };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw translateError(error, 'suppression store');
    }
  }
}
