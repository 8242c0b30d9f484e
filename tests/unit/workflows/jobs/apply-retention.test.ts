import { expect } from 'chai';
import { SqliteStore } from '../../../../adapters/store/sqlite/sqlite-store.js';
import { ManualClock } from '../../../../core/clock.js';
import { ALL } from '../../../../core/domain/scope.js';
import { silentLogger } from '../../../../core/logging.js';
import { applyRetention } from '../../../../workflows/jobs/apply-retention.js';
import { runExclusively } from '../../../../workflows/jobs/run-exclusively.js';

describe('workflows > jobs > apply retention', () => {
  it('deletes events past the retention period except those an alert references', async () => {
    const store = new SqliteStore({ path: ':memory:', logger: silentLogger() });
    const clock = new ManualClock('2025-06-01T00:00:00.000Z');
    const event = (id: string, timestamp: string) => ({ '@timestamp': timestamp, event: { id }, organization: { id: 'a' } });
    await store.events.putMany([event('old', '2025-01-01T00:00:00.000Z'), event('old-proof', '2025-01-01T00:00:00.000Z'), event('new', '2025-05-30T00:00:00.000Z')]);
    // The alert is newer than the cut-off but proves an old event.
    await store.alerts.putMany([{ '@timestamp': '2025-05-30T00:00:00.000Z', alert: { id: 'al', count: 1 }, rule: { id: 'r', title: 'r', level: 'high', type: 'sigma' }, event_ids: ['old-proof'], organization: { id: 'a' }, tags: [] }]);
    expect(await applyRetention({ store, clock, logger: silentLogger(), retentionDays: 90 })).to.equal(1);
    expect((await store.events.getMany(['old', 'old-proof', 'new'], ALL)).map((e) => e.event.id).sort()).to.deep.equal(['new', 'old-proof']);
    await store.close();
  });
});

describe('workflows > jobs > run exclusively', () => {
  it('runs a job on one holder until its lease runs out', async () => {
    const store = new SqliteStore({ path: ':memory:', logger: silentLogger() });
    const clock = new ManualClock('2025-06-01T00:00:00.000Z');
    const deps = { leases: store.leases, clock };
    const job = (holderId: string) => ({ name: 'digest', holderId, leaseMs: 60_000 });
    expect(await runExclusively(deps, job('one'), async () => 'ran')).to.equal('ran');
    expect(await runExclusively(deps, job('two'), async () => 'ran')).to.equal(undefined);
    clock.advance(61_000);
    expect(await runExclusively(deps, job('two'), async () => 'ran')).to.equal('ran');
    await store.close();
  });
});
