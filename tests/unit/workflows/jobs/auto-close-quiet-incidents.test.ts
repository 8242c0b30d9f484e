import { expect } from 'chai';
import { SqliteStore } from '../../../../adapters/store/sqlite/sqlite-store.js';
import { ManualClock } from '../../../../core/clock.js';
import type { Severity } from '../../../../core/domain/incident.js';
import { ALL } from '../../../../core/domain/scope.js';
import { silentLogger } from '../../../../core/logging.js';
import { autoCloseQuietIncidents } from '../../../../workflows/jobs/auto-close-quiet-incidents.js';

describe('workflows > jobs > auto-close quiet incidents', () => {
  let store: SqliteStore;
  let clock: ManualClock;

  beforeEach(() => {
    store = new SqliteStore({ path: ':memory:', logger: silentLogger() });
    clock = new ManualClock('2025-06-30T00:00:00.000Z');
  });
  afterEach(() => store.close());

  const record = (incidentId: string, severity: Severity, at: string) =>
    store.incidents.recordAlert({ incidentId, title: incidentId, organizationId: 'org-a', ruleId: 'r', ruleTitle: 'r', entity: '', severity, alertId: `${incidentId}-alert`, eventCount: 1, at, tags: [], now: at });
  const statusOf = async (id: string) => (await store.incidents.get(id, ALL))?.status;
  const run = () => autoCloseQuietIncidents({ store, clock, logger: silentLogger(), autoCloseQuietDays: 14 });

  it('closes a quiet low incident with an audited note and leaves medium, recent and acknowledged ones open', async () => {
    await record('quiet-low', 'low', '2025-06-01T00:00:00.000Z');
    await record('quiet-info', 'informational', '2025-06-01T00:00:00.000Z');
    await record('quiet-medium', 'medium', '2025-06-01T00:00:00.000Z');
    await record('recent-low', 'low', '2025-06-20T00:00:00.000Z');
    await record('acknowledged-low', 'low', '2025-06-01T00:00:00.000Z');
    const acknowledged = await store.incidents.get('acknowledged-low', ALL);
    await store.incidents.update('acknowledged-low', acknowledged?.version ?? 0, { status: 'acknowledged' }, ALL, '2025-06-02T00:00:00.000Z');

    expect(await run()).to.equal(2);

    expect(await statusOf('quiet-low')).to.equal('closed');
    expect(await statusOf('quiet-info')).to.equal('closed');
    expect(await statusOf('quiet-medium')).to.equal('new');
    expect(await statusOf('recent-low')).to.equal('new');
    expect(await statusOf('acknowledged-low')).to.equal('acknowledged');
    const [entry, ...more] = await store.audit.list({ objectId: 'quiet-low' });
    expect(more).to.deep.equal([]);
    expect(entry).to.include({ actor: 'lagebild', action: 'incident.auto_close', objectType: 'incident', organizationId: 'org-a' });
    expect(entry?.before).to.deep.equal({ status: 'new' });
    expect(entry?.after).to.have.property('status', 'closed');
    expect(entry?.after).to.have.property('note').that.matches(/14 days/);
  });

  it('changes nothing on a second run', async () => {
    await record('quiet-low', 'low', '2025-06-01T00:00:00.000Z');
    expect(await run()).to.equal(1);
    const after = await store.incidents.get('quiet-low', ALL);
    const auditCount = (await store.audit.list({})).length;

    expect(await run()).to.equal(0);

    expect(await store.incidents.get('quiet-low', ALL)).to.deep.equal(after);
    expect((await store.audit.list({})).length).to.equal(auditCount);
  });

  it('closes a recent incident once the quiet period has passed', async () => {
    await record('recent-low', 'low', '2025-06-20T00:00:00.000Z');
    expect(await run()).to.equal(0);
    clock.advance(5 * 86_400_000);
    expect(await run()).to.equal(1);
    expect(await statusOf('recent-low')).to.equal('closed');
  });
});
