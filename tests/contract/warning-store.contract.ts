import { expect } from 'chai';
import { ALL, organisationScope } from '../../core/domain/scope.js';
import type { WarningDelivery } from '../../core/domain/warning.js';
import { ConflictError } from '../../core/errors.js';
import type { WarningStores } from '../../core/ports/warning-stores.js';
import { publishedWarning } from '../support/published-warning.js';

function delivery(warningId: string, organizationId: string): WarningDelivery {
  return { warningId, organizationId, deliveredAt: '2025-03-01T12:00:00.000Z', mailedTo: [], mailError: null, readAt: null, readBy: null, acknowledgedAt: null, acknowledgedBy: null, escalatedAt: null };
}

/** Runs against every adapter of core/ports/warning-stores.ts; `create` returns a fresh, empty store. */
export function warningStoreContract(create: () => Promise<WarningStores & { close(): Promise<void> }>): void {
  let store: WarningStores & { close(): Promise<void> };
  beforeEach(async () => {
    store = await create();
  });
  afterEach(() => store.close());

  const a = { scope: organisationScope('org-a'), userId: 'user-a' };
  const b = { scope: organisationScope('org-b'), userId: 'user-b' };

  it('an organisation sees only published warnings addressed to it, and counts only those', async () => {
    await store.warnings.create(publishedWarning('w1'));
    await store.warnings.create(publishedWarning('w2', { organizationIds: ['org-b'] }));
    await store.warnings.create(publishedWarning('w3', { status: 'draft', organizationIds: ['org-a'] }));
    expect((await store.warnings.list({}, a)).items.map((item) => item.id)).to.deep.equal(['w1']);
    expect((await store.warnings.list({}, a)).total).to.equal(1);
    expect(await store.warnings.get('w2', a)).to.equal(undefined);
    expect(await store.warnings.get('w3', a)).to.equal(undefined);
    expect((await store.warnings.list({}, { scope: ALL, userId: 'x' })).total).to.equal(3);
  });

  it('TLP:RED is visible only to the named users of the organisation', async () => {
    await store.warnings.create(publishedWarning('w1', { tlp: 'TLP:RED', recipientUserIds: ['user-a'] }));
    expect(await store.warnings.get('w1', a)).to.not.equal(undefined);
    expect(await store.warnings.get('w1', { scope: organisationScope('org-a'), userId: 'user-a2' })).to.equal(undefined);
    expect(await store.warnings.get('w1', { scope: organisationScope('org-b'), userId: 'user-a' })).to.equal(undefined);
  });

  it('replace is compare-and-set on the version', async () => {
    await store.warnings.create(publishedWarning('w1', { status: 'draft', organizationIds: [] }));
    await store.warnings.replace(publishedWarning('w1', { version: 2 }), 1);
    expect(await store.warnings.get('w1', a)).to.include({ version: 2 });
    const error = await store.warnings.replace(publishedWarning('w1', { version: 2 }), 1).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(ConflictError);
    expect(await store.warnings.create(publishedWarning('w1')).catch((caught: unknown) => caught)).to.be.instanceOf(ConflictError);
  });

  it('keeps who waived a draft\'s approval through a replace, so that a later change can let the waiver lapse', async () => {
    await store.warnings.create(publishedWarning('w1', { status: 'draft', organizationIds: [], requiresApproval: true }));
    await store.warnings.replace(publishedWarning('w1', { status: 'draft', organizationIds: [], requiresApproval: false, approvalWaivedBy: 'user-second', version: 2 }), 1);
    expect(await store.warnings.get('w1', { scope: ALL, userId: '' })).to.include({ requiresApproval: false, approvalWaivedBy: 'user-second', version: 2 });
  });

  it('pages newest first with a cursor', async () => {
    for (const id of ['w1', 'w2', 'w3']) await store.warnings.create(publishedWarning(id));
    const first = await store.warnings.list({ limit: 2 }, a);
    expect(first.items.map((item) => item.id)).to.deep.equal(['w3', 'w2']);
    const second = await store.warnings.list({ limit: 2, cursor: first.nextCursor! }, a);
    expect(second.items.map((item) => item.id)).to.deep.equal(['w1']);
    expect(second.nextCursor).to.equal(undefined);
  });

  it('tracking numbers count per year', async () => {
    expect(await store.warnings.nextTrackingNumber(2025)).to.equal(1);
    expect(await store.warnings.nextTrackingNumber(2025)).to.equal(2);
    expect(await store.warnings.nextTrackingNumber(2026)).to.equal(1);
  });

  it('deliveries: idempotent, scoped, read/acknowledged/escalated only once', async () => {
    await store.warningDeliveries.putMany([delivery('w1', 'org-a'), delivery('w1', 'org-b')]);
    await store.warningDeliveries.putMany([delivery('w1', 'org-a')]);
    expect(await store.warningDeliveries.list('w1', ALL)).to.have.length(2);
    expect((await store.warningDeliveries.list('w1', b.scope)).map((item) => item.organizationId)).to.deep.equal(['org-b']);
    expect(await store.warningDeliveries.markRead('w1', 'org-a', 'user-a', '2025-03-01T13:00:00.000Z')).to.equal(true);
    expect(await store.warningDeliveries.markRead('w1', 'org-a', 'user-a2', '2025-03-01T14:00:00.000Z')).to.equal(false);
    const acknowledged = await store.warningDeliveries.acknowledge('w1', 'org-a', 'user-a2', '2025-03-01T15:00:00.000Z');
    expect(acknowledged).to.include({ readBy: 'user-a', acknowledgedBy: 'user-a2', acknowledgedAt: '2025-03-01T15:00:00.000Z' });
    expect(await store.warningDeliveries.acknowledge('w1', 'org-a', 'user-a', '2025-03-01T16:00:00.000Z')).to.include({ acknowledgedBy: 'user-a2' });
    expect(await store.warningDeliveries.acknowledge('w1', 'org-c', 'user-c', '2025-03-01T16:00:00.000Z')).to.equal(undefined);
    expect(await store.warningDeliveries.markEscalated('w1', 'org-b', '2025-03-01T17:00:00.000Z')).to.equal(true);
    expect(await store.warningDeliveries.markEscalated('w1', 'org-b', '2025-03-01T18:00:00.000Z')).to.equal(false);
    await store.warningDeliveries.recordMail('w1', 'org-b', ['isb@b.example'], null);
    expect((await store.warningDeliveries.list('w1', b.scope))[0]).to.include({ escalatedAt: '2025-03-01T17:00:00.000Z', mailError: null });
  });

  it('tallies a page of warnings\' deliveries in the scope: addressed, read, acknowledged', async () => {
    await store.warningDeliveries.putMany([delivery('w1', 'org-a'), delivery('w1', 'org-b'), delivery('w1', 'org-c'), delivery('w2', 'org-a'), delivery('w3', 'org-b')]);
    await store.warningDeliveries.markRead('w1', 'org-b', 'user-b', '2025-03-01T13:00:00.000Z');
    await store.warningDeliveries.acknowledge('w1', 'org-a', 'user-a', '2025-03-01T14:00:00.000Z');
    await store.warningDeliveries.acknowledge('w3', 'org-b', 'user-b', '2025-03-01T14:00:00.000Z');

    const all = await store.warningDeliveries.tally(['w1', 'w2', 'w-none'], ALL);
    expect([...all.keys()].sort()).to.deep.equal(['w1', 'w2']);
    expect(all.get('w1')).to.deep.equal({ addressed: 3, read: 2, acknowledged: 1 });
    expect(all.get('w2')).to.deep.equal({ addressed: 1, read: 0, acknowledged: 0 });

    const own = await store.warningDeliveries.tally(['w1', 'w2', 'w3'], b.scope);
    expect(Object.fromEntries(own)).to.deep.equal({ w1: { addressed: 1, read: 1, acknowledged: 0 }, w3: { addressed: 1, read: 1, acknowledged: 1 } });
    expect((await store.warningDeliveries.tally([], ALL)).size).to.equal(0);
  });
}
