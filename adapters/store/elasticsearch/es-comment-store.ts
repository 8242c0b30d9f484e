import type { Client } from '@elastic/elasticsearch';
import type { Scope } from '../../../core/domain/scope.js';
import type { CommentStore, IncidentComment } from '../../../core/ports/triage-stores.js';
import type { IndexNames } from './index-names.js';
import { scopeFilter } from './scope-filter.js';
import { esRequest, isVersionConflict, translateError } from './translate-error.js';

/** More than any incident collects; one page holds them all. */
const MAX_COMMENTS = 10_000;

export class EsCommentStore implements CommentStore {
  constructor(
    private readonly client: Client,
    private readonly names: IndexNames,
  ) {}

  /** `create`: a redelivered comment keeps the first write. wait_for: the author sees it in the next list. */
  async add(comment: IncidentComment): Promise<void> {
    try {
      await this.client.index({ index: this.names.comments, id: comment.id, document: comment, op_type: 'create', refresh: 'wait_for' });
    } catch (error) {
      if (!isVersionConflict(error)) throw translateError(error, 'comment store');
    }
  }

  async list(incidentId: string, scope: Scope): Promise<IncidentComment[]> {
    const response = await esRequest('comment store', () =>
      this.client.search<IncidentComment>({
        index: this.names.comments,
        size: MAX_COMMENTS,
        query: { bool: { filter: [{ term: { incidentId } }, ...scopeFilter(scope, 'organizationIds')] } },
        sort: [{ createdAt: 'asc' }, { id: 'asc' }],
      }),
    );
    return response.hits.hits.flatMap((hit) => (hit._source === undefined ? [] : [hit._source]));
  }
}
