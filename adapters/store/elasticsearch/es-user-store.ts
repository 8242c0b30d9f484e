import type { Client } from '@elastic/elasticsearch';
import { ConflictError } from '../../../core/errors.js';
import type { Scope } from '../../../core/domain/scope.js';
import type { User } from '../../../core/domain/user.js';
import type { UserStore } from '../../../core/ports/stores.js';
import type { IndexNames } from './index-names.js';
import { scopeFilter } from './scope-filter.js';
import { esRequest, isNotFound, isVersionConflict, translateError } from './translate-error.js';

const MAX_USERS = 10_000;

interface UsernameClaim {
  userId: string;
}

export class EsUserStore implements UserStore {
  constructor(
    private readonly client: Client,
    private readonly names: IndexNames,
  ) {}

  /**
   * The username is claimed first (a document whose id is the lowercased name), so a username taken
   * by another user id, in any case, fails with ConflictError even when two instances race.
   * wait_for: a user created by an admin can log in (a search by username) right afterwards.
   */
  async upsert(user: User): Promise<void> {
    await this.claimUsername(user);
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
      this.client.search<User>({ index: this.names.users, size: 1, query: { bool: { filter: [{ term: { username: { value: username, case_insensitive: true } } }] } } }),
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

  /**
   * `create` wins for exactly one user id. A claim whose user was never written (the user write
   * failed after the claim) or no longer has that name is taken over, conditionally on the claim
   * read, so a failed creation does not block the name for good.
   */
  private async claimUsername(user: User): Promise<void> {
    const id = user.username.toLowerCase();
    try {
      await this.client.index({ index: this.names.usernames, id, document: { userId: user.id } satisfies UsernameClaim, op_type: 'create', refresh: false });
      return;
    } catch (error) {
      if (!isVersionConflict(error)) throw translateError(error, 'user store');
    }
    const claim = await this.readClaim(id);
    if (claim?.userId === user.id) return;
    const holder = claim === undefined ? undefined : await this.get(claim.userId);
    if (claim === undefined || (holder !== undefined && holder.username.toLowerCase() === id)) throw new ConflictError(`username ${user.username} is taken`);
    try {
      await this.client.index({ index: this.names.usernames, id, document: { userId: user.id } satisfies UsernameClaim, if_seq_no: claim.seqNo, if_primary_term: claim.primaryTerm, refresh: false });
    } catch (error) {
      if (isVersionConflict(error)) throw new ConflictError(`username ${user.username} is taken`);
      throw translateError(error, 'user store');
    }
  }

  private async readClaim(id: string): Promise<(UsernameClaim & { seqNo: number; primaryTerm: number }) | undefined> {
    try {
      const response = await this.client.get<UsernameClaim>({ index: this.names.usernames, id });
      if (!response.found || response._source === undefined || response._seq_no === undefined || response._primary_term === undefined) return undefined;
      return { userId: response._source.userId, seqNo: response._seq_no, primaryTerm: response._primary_term };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw translateError(error, 'user store');
    }
  }
}
