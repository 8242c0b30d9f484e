import type { Client } from '@elastic/elasticsearch';
import type { Organisation } from '../../../core/domain/organisation.js';
import type { Scope } from '../../../core/domain/scope.js';
import type { OrganisationStore } from '../../../core/ports/stores.js';
import type { IndexNames } from './index-names.js';
import { scopeFilter } from './scope-filter.js';
import { esRequest, isNotFound, translateError } from './translate-error.js';

/** The registry has a few hundred entries; one page holds them all. */
const MAX_ORGANISATIONS = 10_000;

export class EsOrganisationStore implements OrganisationStore {
  constructor(
    private readonly client: Client,
    private readonly names: IndexNames,
  ) {}

  async upsert(organisation: Organisation): Promise<void> {
    await esRequest('organisation store', () =>
      this.client.index({ index: this.names.organisations, id: organisation.id, document: organisation, refresh: 'wait_for' }),
    );
  }

  async get(id: string, scope: Scope): Promise<Organisation | undefined> {
    if (scope.kind === 'organisation' && scope.organizationId !== id) return undefined;
    try {
      const response = await this.client.get<Organisation>({ index: this.names.organisations, id });
      return response._source;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw translateError(error, 'organisation store');
    }
  }

  /** An officer's scope lists only their own organisation. */
  async list(scope: Scope): Promise<Organisation[]> {
    const response = await esRequest('organisation store', () =>
      this.client.search<Organisation>({
        index: this.names.organisations,
        size: MAX_ORGANISATIONS,
        query: { bool: { filter: scopeFilter(scope, 'id') } },
        sort: [{ 'name.keyword': 'asc' }, { id: 'asc' }],
      }),
    );
    return response.hits.hits.flatMap((hit) => (hit._source === undefined ? [] : [hit._source]));
  }
}
