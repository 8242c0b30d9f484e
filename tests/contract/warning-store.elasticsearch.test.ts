import { expect } from 'chai';
import { ALL, organisationScope } from '../../core/domain/scope.js';
import type { Warning, WarningDelivery } from '../../core/domain/warning.js';
import { ConflictError } from '../../core/errors.js';
import type { WarningStores } from '../../core/ports/warning-stores.js';
import { useElasticsearchTestStore, type ElasticsearchTestStore } from '../support/elasticsearch-test-store.js';
import { publishedWarning } from '../support/published-warning.js';
import { warningStoreContract } from './warning-store.contract.js';

/**
 * No refresh wrapper here, unlike store.elasticsearch.test.ts: the warning stores promise that their
 * writes are searchable when they return (`refresh: wait_for`), and the contract reading right after
 * writing is what checks that promise.
 */
function warningStoresOf(opened: ElasticsearchTestStore): WarningStores & { close(): Promise<void> } {
  return { warnings: opened.store.warnings, warningDeliveries: opened.store.warningDeliveries, close: opened.cleanup };
}

function draft(id: string): Warning {
  return publishedWarning(id, { status: 'draft', publishedBy: null, publishedAt: null, trackingId: null, organizationIds: [], createdAt: '2025-03-01T12:00:00.000Z' });
}

function delivery(warningId: string, organizationId: string): WarningDelivery {
  return { warningId, organizationId, deliveredAt: '2025-03-01T12:00:00.000Z', mailedTo: [], mailError: null, readAt: null, readBy: null, acknowledgedAt: null, acknowledgedBy: null, escalatedAt: null };
}

describe('contract > warning store > elasticsearch (real server)', function () {
  this.timeout(120_000);
  const openStore = useElasticsearchTestStore();
  const freshStore = async () => warningStoresOf(await openStore());

  warningStoreContract(freshStore);

  describe('TLP:RED in lists', () => {
    let store: WarningStores & { close(): Promise<void> };
    beforeEach(async () => {
      store = await freshStore();
    });
    afterEach(() => store.close());

    it('neither lists nor counts a RED warning for an unnamed member of the addressed organisation', async () => {
      const published = { ...draft('w1'), status: 'published' as const, tlp: 'TLP:RED' as const, organizationIds: ['org-a'], recipientUserIds: ['user-a'] };
      await store.warnings.create(published);
      await store.warnings.create({ ...published, id: 'w2', tlp: 'TLP:AMBER', recipientUserIds: [] });
      const unnamed = await store.warnings.list({}, { scope: organisationScope('org-a'), userId: 'user-a2' });
      expect({ ids: unnamed.items.map((item) => item.id), total: unnamed.total }).to.deep.equal({ ids: ['w2'], total: 1 });
      const named = await store.warnings.list({}, { scope: organisationScope('org-a'), userId: 'user-a' });
      expect(named.total).to.equal(2);
    });
  });

  describe('concurrent writers', () => {
    let store: WarningStores & { close(): Promise<void> };
    beforeEach(async () => {
      store = await freshStore();
    });
    afterEach(() => store.close());

    it('hands out each tracking number of a year exactly once', async () => {
      const numbers = await Promise.all(Array.from({ length: 20 }, () => store.warnings.nextTrackingNumber(2025)));
      expect([...numbers].sort((x, y) => x - y)).to.deep.equal(Array.from({ length: 20 }, (_, index) => index + 1));
      expect(await store.warnings.nextTrackingNumber(2025)).to.equal(21);
    });

    it('lets exactly one of two replacements of the same version win', async () => {
      await store.warnings.create(draft('w1'));
      const outcomes = await Promise.allSettled([
        store.warnings.replace({ ...draft('w1'), title: 'first', version: 2 }, 1),
        store.warnings.replace({ ...draft('w1'), title: 'second', version: 2 }, 1),
      ]);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).to.have.length(1);
      const rejected = outcomes.find((outcome) => outcome.status === 'rejected');
      expect(rejected?.reason).to.be.instanceOf(ConflictError);
    });

    it('keeps the first of many simultaneous acknowledgements', async () => {
      await store.warningDeliveries.putMany([delivery('w1', 'org-a')]);
      const users = Array.from({ length: 8 }, (_, index) => `user-${index}`);
      const results = await Promise.all(users.map((user) => store.warningDeliveries.acknowledge('w1', 'org-a', user, `2025-03-01T13:00:0${users.indexOf(user)}.000Z`)));
      const winner = results[0]?.acknowledgedBy;
      expect(users).to.include(winner);
      // Every caller, winner or not, is answered with the one acknowledgement that counts.
      expect(results.map((result) => result?.acknowledgedBy)).to.deep.equal(users.map(() => winner));
      expect((await store.warningDeliveries.list('w1', ALL))[0]).to.include({ acknowledgedBy: winner, readBy: winner });
    });

    it('marks a delivery read only once under simultaneous reads', async () => {
      await store.warningDeliveries.putMany([delivery('w1', 'org-a')]);
      const changed = await Promise.all(Array.from({ length: 8 }, (_, index) => store.warningDeliveries.markRead('w1', 'org-a', `user-${index}`, '2025-03-01T13:00:00.000Z')));
      expect(changed.filter(Boolean)).to.have.length(1);
    });
  });
});
