import type { Client } from '@elastic/elasticsearch';
import type { Scope } from '../../../core/domain/scope.js';
import type { User } from '../../../core/domain/user.js';
import type { UserStore } from '../../../core/ports/stores.js';
import type { IndexNames } from './indexNames.js';
import { scopeFilter } from './scopeFilter.js';
import { esRequest, isNotFound, translateError } from './translateError.js';

const MAX_USERS = 10_000;

export class EsUserStore implements UserStore {
  constructor(
    private readonly client: Client,
    private readonly names: IndexNames,
  ) {}

  /** wait_for: a user created by an admin can log in (a search by username) right afterwards. */
  async upsert(user: User): Promise<void> {
    await esRequest('user store', () => this.client.index({ index: this.names.users, id: user.id, document: user, refresh: 'wait_for' }));
  }

  async get(id: string): Promise<User | undefined> {
    try {
      return (await this.client.get<User>({ index: this.names.users, id }))._source;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw translateError(error, 'user store');
    }
  }

  async findByUsername(username: string): Promise<User | undefined> {
    const response = await esRequest('user store', () =>
      this.client.search<User>({ index: this.names.users, size: 1, query: { bool: { filter: [{ term: { username } }] } } }),
    );
    return response.hits.hits[0]?._source;
  }

  async list(scope: Scope): Promise<User[]> {
    const response = await esRequest('user store', () =>
      this.client.search<User>({
        index: this.names.users,
        size: MAX_USERS,
        query: { bool: { filter: scopeFilter(scope, 'organizationId') } },
        sort: [{ username: 'asc' }],
      }),
    );
    return response.hits.hits.flatMap((hit) => (hit._source === undefined ? [] : [hit._source]));
  }
}
