import { expect } from 'chai';
import { ALL, organisationScope } from '../../core/domain/scope.js';
import type { Suppression } from '../../core/domain/suppression.js';
import { ConflictError } from '../../core/errors.js';
import type { SuppressionStore } from '../../core/ports/stores.js';

export interface SuppressionStoreUnderTest {
  store: SuppressionStore;
  cleanup(): Promise<void>;
}

const ORG_A = 'org-a';
const ORG_B = 'org-b';
const officerA = organisationScope(ORG_A);

function at(minute: number): string {
  return new Date(Date.UTC(2025, 2, 1, 10, 0, 0) + minute * 60_000).toISOString();
}

function suppression(id: string, organizationId: string | null, createdMinute: number, expiresMinute = 60 * 24): Suppression {
  return {
    id,
    organizationId,
    ruleId: 'ssh-brute-force',
    conditions: [{ field: 'source.ip', value: '203.0.113.7' }],
    reason: `scanner ${id}`,
    expiresAt: at(expiresMinute),
    author: 'analyst',
    createdAt: at(createdMinute),
  };
}

/** core/ports/stores.ts SuppressionStore; `factory` returns a fresh, empty store whose reads see completed writes. */
export function suppressionStoreContract(name: string, factory: () => Promise<SuppressionStoreUnderTest>): void {
  describe(`contract > suppression store > ${name}`, function () {
    this.timeout(60_000);
    let store: SuppressionStore;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await factory());
    });

    afterEach(async () => {
      await cleanup();
    });

    it('keeps a suppression as it was created, optional fields included, and refuses its id twice', async () => {
      const full: Suppression = { ...suppression('s1', ORG_A, 1), conditions: [{ field: 'host.name', value: 'fs01' }, { field: 'user.name', value: 'svc_backup' }], sourceIncidentId: 'inc-9' };
      await store.create(full);
      expect(await store.get('s1', ALL)).to.deep.equal(full);
      const withoutRule = suppression('s2', null, 2);
      delete withoutRule.ruleId;
      await store.create(withoutRule);
      expect(await store.get('s2', ALL)).to.deep.equal(withoutRule);
      expect(await store.create(suppression('s1', ORG_B, 3)).catch((caught: unknown) => caught)).to.be.instanceOf(ConflictError);
      expect(await store.get('s1', ALL)).to.deep.equal(full);
      expect(await store.get('missing', ALL)).to.equal(undefined);
    });

    it('lists newest first; an organisation sees only its own, not those for every organisation', async () => {
      await store.create(suppression('s1', ORG_A, 1));
      await store.create(suppression('s2', ORG_B, 2));
      await store.create(suppression('s3', null, 3));
      await store.create(suppression('s4', ORG_A, 4));
      expect((await store.list(ALL)).map((item) => item.id)).to.deep.equal(['s4', 's3', 's2', 's1']);
      expect((await store.list(officerA)).map((item) => item.id)).to.deep.equal(['s4', 's1']);
      expect(await store.get('s2', officerA)).to.equal(undefined);
      expect(await store.get('s3', officerA)).to.equal(undefined);
      expect(await store.get('s1', officerA)).to.deep.equal(suppression('s1', ORG_A, 1));
    });

    it('expires only in scope, never later than before, and keeps the expired one listed', async () => {
      await store.create(suppression('s1', ORG_A, 1, 120));
      await store.create(suppression('s2', ORG_B, 2, 120));
      expect(await store.expire('s2', at(30), officerA)).to.equal(undefined);
      expect((await store.get('s2', ALL))?.expiresAt).to.equal(at(120));
      expect(await store.expire('s1', at(30), officerA)).to.deep.equal({ ...suppression('s1', ORG_A, 1, 120), expiresAt: at(30) });
      expect((await store.expire('s1', at(50), ALL))?.expiresAt, 'a later expiry changes nothing').to.equal(at(30));
      expect((await store.get('s1', ALL))?.expiresAt).to.equal(at(30));
      expect((await store.list(officerA)).map((item) => item.id)).to.deep.equal(['s1']);
      expect(await store.expire('missing', at(30), ALL)).to.equal(undefined);
    });

    it('answers the unexpired suppressions of every organisation for a moment', async () => {
      await store.create(suppression('s1', ORG_A, 1, 60));
      await store.create(suppression('s2', ORG_B, 2, 120));
      await store.create(suppression('s3', null, 3, 180));
      const ids = async (minute: number) => (await store.active(new Date(at(minute)))).map((item) => item.id).sort();
      expect(await ids(30)).to.deep.equal(['s1', 's2', 's3']);
      expect(await ids(60), 'expiring at the moment is expired').to.deep.equal(['s2', 's3']);
      await store.expire('s3', at(90), ALL);
      expect(await ids(100)).to.deep.equal(['s2']);
      expect(await ids(200)).to.deep.equal([]);
    });
  });
}
