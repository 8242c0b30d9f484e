import { expect } from 'chai';
import { ALL, organisationScope } from '../../core/domain/scope.js';
import type { IncidentComment, LogSource, RefreshTokenRecord, TriageStores } from '../../core/ports/triage-stores.js';

export interface TriageStoresUnderTest {
  stores: TriageStores;
  cleanup(): Promise<void>;
}

const ORG_A = 'org-a';
const ORG_B = 'org-b';
const officerA = organisationScope(ORG_A);
const officerB = organisationScope(ORG_B);

function at(minute: number): string {
  return new Date(Date.UTC(2025, 2, 1, 10, 0, 0) + minute * 60_000).toISOString();
}

function comment(id: string, organizationIds: string[], minute: number, incidentId = 'inc-1'): IncidentComment {
  return { id, incidentId, organizationIds, authorId: 'user-1', authorName: 'analyst', body: `comment ${id}`, createdAt: at(minute) };
}

function token(id: string, familyId: string, userId = 'user-1'): RefreshTokenRecord {
  return { id, familyId, userId, tokenHash: `hash-${id}`, createdAt: at(0), expiresAt: at(60 * 24), rotatedAt: null, revokedAt: null };
}

function source(id: string, organizationId: string, minute: number): LogSource {
  return { id, organizationId, name: `firewall ${id}`, parser: 'auto', tokenHash: `hash-${id}`, createdAt: at(minute), revokedAt: null };
}

/** The stores of core/ports/triage-stores.ts; `factory` returns fresh, empty stores whose reads see completed writes. */
export function triageStoreContract(name: string, factory: () => Promise<TriageStoresUnderTest>): void {
  describe(`contract > triage store > ${name}`, function () {
    this.timeout(60_000);
    let stores: TriageStores;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ stores, cleanup } = await factory());
    });

    afterEach(async () => {
      await cleanup();
    });

    describe('comments', () => {
      it('lists the comments of one incident oldest first, a redelivered one once', async () => {
        await stores.comments.add(comment('c2', [ORG_A], 2));
        await stores.comments.add(comment('c1', [ORG_A], 1));
        await stores.comments.add(comment('c1', [ORG_A], 1));
        await stores.comments.add(comment('c3', [ORG_A], 3, 'inc-2'));
        expect(await stores.comments.list('inc-1', ALL)).to.deep.equal([comment('c1', [ORG_A], 1), comment('c2', [ORG_A], 2)]);
        expect(await stores.comments.list('inc-missing', ALL)).to.deep.equal([]);
      });

      it('shows a comment only to the organisations copied onto it', async () => {
        await stores.comments.add(comment('c-ab', [ORG_A, ORG_B], 1));
        await stores.comments.add(comment('c-b', [ORG_B], 2));
        expect((await stores.comments.list('inc-1', officerA)).map((c) => c.id)).to.deep.equal(['c-ab']);
        expect((await stores.comments.list('inc-1', officerB)).map((c) => c.id)).to.deep.equal(['c-ab', 'c-b']);
        expect(await stores.comments.list('inc-1', organisationScope('org-c'))).to.deep.equal([]);
      });
    });

    describe('refresh tokens', () => {
      it('finds a token by its hash', async () => {
        await stores.refreshTokens.insert(token('t1', 'f1'));
        expect(await stores.refreshTokens.findByHash('hash-t1')).to.deep.equal(token('t1', 'f1'));
        expect(await stores.refreshTokens.findByHash('hash-unknown')).to.equal(undefined);
      });

      it('rotates a token once, and never a revoked one', async () => {
        await stores.refreshTokens.insert(token('t1', 'f1'));
        await stores.refreshTokens.insert(token('t2', 'f2'));
        expect(await stores.refreshTokens.markRotated('t1', at(5))).to.equal(true);
        expect(await stores.refreshTokens.markRotated('t1', at(6))).to.equal(false);
        expect((await stores.refreshTokens.findByHash('hash-t1'))?.rotatedAt).to.equal(at(5));
        await stores.refreshTokens.revokeFamily('f2', at(7));
        expect(await stores.refreshTokens.markRotated('t2', at(8))).to.equal(false);
        expect(await stores.refreshTokens.markRotated('t-missing', at(8))).to.equal(false);
      });

      it('lets exactly one of concurrent rotations win', async () => {
        await stores.refreshTokens.insert(token('t1', 'f1'));
        const results = await Promise.all([1, 2, 3, 4, 5].map((n) => stores.refreshTokens.markRotated('t1', at(n))));
        expect(results.filter(Boolean)).to.have.length(1);
      });

      it('revokes a whole family, and all tokens of a user, keeping earlier revocation times', async () => {
        await stores.refreshTokens.insert(token('t1', 'f1'));
        await stores.refreshTokens.insert(token('t2', 'f1'));
        await stores.refreshTokens.insert(token('t3', 'f2'));
        await stores.refreshTokens.insert(token('t4', 'f3', 'user-2'));
        await stores.refreshTokens.markRotated('t1', at(1));
        await stores.refreshTokens.revokeFamily('f1', at(2));
        expect((await stores.refreshTokens.findByHash('hash-t1'))?.revokedAt).to.equal(at(2));
        expect((await stores.refreshTokens.findByHash('hash-t1'))?.rotatedAt).to.equal(at(1));
        expect((await stores.refreshTokens.findByHash('hash-t2'))?.revokedAt).to.equal(at(2));
        expect((await stores.refreshTokens.findByHash('hash-t3'))?.revokedAt).to.equal(null);
        await stores.refreshTokens.revokeAllForUser('user-1', at(3));
        expect((await stores.refreshTokens.findByHash('hash-t1'))?.revokedAt).to.equal(at(2));
        expect((await stores.refreshTokens.findByHash('hash-t3'))?.revokedAt).to.equal(at(3));
        expect((await stores.refreshTokens.findByHash('hash-t4'))?.revokedAt).to.equal(null);
      });
    });

    describe('log sources', () => {
      it('keeps sources by id and lists them oldest first within the scope', async () => {
        await stores.logSources.upsert(source('s2', ORG_A, 2));
        await stores.logSources.upsert(source('s1', ORG_A, 1));
        await stores.logSources.upsert(source('s3', ORG_B, 3));
        await stores.logSources.upsert({ ...source('s1', ORG_A, 1), name: 'renamed' });
        expect((await stores.logSources.list(ALL)).map((s) => s.id)).to.deep.equal(['s1', 's2', 's3']);
        expect(await stores.logSources.list(officerA)).to.deep.equal([{ ...source('s1', ORG_A, 1), name: 'renamed' }, source('s2', ORG_A, 2)]);
        expect(await stores.logSources.get('s3', ALL)).to.deep.equal(source('s3', ORG_B, 3));
        expect(await stores.logSources.get('s3', officerA)).to.equal(undefined);
        expect(await stores.logSources.get('missing', ALL)).to.equal(undefined);
      });

      it('finds a source by its token hash without a scope, revoked ones included', async () => {
        await stores.logSources.upsert(source('s1', ORG_A, 1));
        expect((await stores.logSources.findByTokenHash('hash-s1'))?.organizationId).to.equal(ORG_A);
        expect(await stores.logSources.findByTokenHash('hash-unknown')).to.equal(undefined);
        await stores.logSources.revoke('s1', at(5), ALL);
        expect((await stores.logSources.findByTokenHash('hash-s1'))?.revokedAt).to.equal(at(5));
      });

      it('revokes within the scope only, and keeps the first revocation time', async () => {
        await stores.logSources.upsert(source('s1', ORG_A, 1));
        expect(await stores.logSources.revoke('s1', at(5), officerB)).to.equal(undefined);
        expect((await stores.logSources.get('s1', ALL))?.revokedAt).to.equal(null);
        expect((await stores.logSources.revoke('s1', at(6), officerA))?.revokedAt).to.equal(at(6));
        expect((await stores.logSources.revoke('s1', at(7), ALL))?.revokedAt).to.equal(at(6));
        expect(await stores.logSources.revoke('missing', at(7), ALL)).to.equal(undefined);
      });
    });
  });
}
