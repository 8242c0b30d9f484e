import { expect } from 'chai';
import { SqliteStore } from '../../../../adapters/store/sqlite/sqlite-store.js';
import { ManualClock } from '../../../../core/clock.js';
import { ALL } from '../../../../core/domain/scope.js';
import { LagebildError } from '../../../../core/errors.js';
import { silentLogger } from '../../../../core/logging.js';
import type { IncidentStore } from '../../../../core/ports/stores.js';
import type { Principal } from '../../../../workflows/auth/principal.js';
import { mergeIncidents } from '../../../../workflows/triage/merge-incidents.js';
import type { TriageDeps } from '../../../../workflows/triage/triage-deps.js';

const ANALYST: Principal = { userId: 'user-analyst', username: 'analyst', role: 'analyst', organizationId: null, scope: ALL };

/** Target with one alert; two sources with two alerts each; all of one organisation. */
async function seed(store: SqliteStore, now: string): Promise<void> {
  const placement: [string, string][] = [['target', 'al-t'], ['src-1', 'al-1a'], ['src-1', 'al-1b'], ['src-2', 'al-2a'], ['src-2', 'al-2b']];
  await store.alerts.putMany(
    placement.map(([, alertId]) => ({
      '@timestamp': '2025-03-01T10:00:00.000Z',
      alert: { id: alertId, count: 2 },
      rule: { id: 'rule-ssh', title: 'SSH brute force', level: 'medium' as const, type: 'sigma' as const },
      event_ids: [`${alertId}-ev`],
      organization: { id: 'stadt-a' },
      tags: [],
    })),
  );
  for (const [incidentId, alertId] of placement) {
    await store.incidents.recordAlert({
      incidentId,
      title: incidentId,
      organizationId: 'stadt-a',
      ruleId: 'rule-ssh',
      ruleTitle: 'SSH brute force',
      entity: '',
      severity: 'medium',
      alertId,
      eventCount: 2,
      at: '2025-03-01T10:00:00.000Z',
      tags: [],
      now,
    });
  }
}

/** The store as it behaves when the process dies on the first attempt to close `crashOn`. */
function crashingOnClose(incidents: IncidentStore, crashOn: string): IncidentStore & { armed: boolean } {
  const wrapper = Object.create(incidents) as IncidentStore & { armed: boolean };
  wrapper.armed = true;
  wrapper.update = async (id, expectedVersion, patch, scope, now) => {
    if (wrapper.armed && id === crashOn) {
      wrapper.armed = false;
      throw new Error('process died');
    }
    return incidents.update(id, expectedVersion, patch, scope, now);
  };
  return wrapper;
}

describe('workflows > triage > merge-incidents', () => {
  let store: SqliteStore;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock('2025-03-01T12:00:00.000Z');
    store = new SqliteStore({ path: ':memory:', logger: silentLogger() });
    await store.init();
    await seed(store, clock.now().toISOString());
  });
  afterEach(() => store.close());

  it('ends consistent when a crash after the first closed source is followed by a retry', async () => {
    const incidents = crashingOnClose(store.incidents, 'src-2');
    const deps: TriageDeps = { store: Object.assign(Object.create(store) as SqliteStore, { incidents }), clock };
    let crash: unknown;
    await mergeIncidents(deps, ANALYST, 'target', ['src-1', 'src-2'], 1).catch((error: unknown) => (crash = error));
    expect(crash).to.be.instanceOf(Error).with.property('message', 'process died');
    // Halfway: every alert is folded, src-1 is closed, src-2 still open.
    const halfway = await store.incidents.get('target', ALL);
    expect(halfway?.alertCount).to.equal(5);
    expect(await store.incidents.get('src-1', ALL)).to.include({ status: 'closed', mergedInto: 'target' });
    expect((await store.incidents.get('src-2', ALL))?.mergedInto).to.equal(undefined);

    // The folds moved the target on, so the old version is stale; the caller re-reads and retries.
    const stale = await mergeIncidents(deps, ANALYST, 'target', ['src-1', 'src-2'], 1).catch((error: unknown) => error);
    expect(stale).to.be.instanceOf(LagebildError).with.property('code', 'conflict');
    const retry = await mergeIncidents(deps, ANALYST, 'target', ['src-1', 'src-2'], halfway!.version);
    expect(retry.merged).to.deep.equal(['src-2']);

    const target = await store.incidents.get('target', ALL);
    expect(target?.alertIds).to.have.members(['al-t', 'al-1a', 'al-1b', 'al-2a', 'al-2b']);
    expect(target).to.include({ alertCount: 5, eventCount: 10, version: halfway!.version });
    expect(await store.incidents.get('src-2', ALL)).to.include({ status: 'closed', mergedInto: 'target' });
    const merges = (await store.audit.list({ limit: 100 })).filter((entry) => entry.action === 'incident.merge');
    expect(merges.map((entry) => entry.objectId)).to.deep.equal(['src-1', 'src-2', 'target']);
  });

  it('changes nothing when a finished merge is retried', async () => {
    const deps: TriageDeps = { store, clock };
    const first = await mergeIncidents(deps, ANALYST, 'target', ['src-1', 'src-2'], 1);
    expect(first.merged).to.deep.equal(['src-1', 'src-2']);
    const before = await Promise.all(['target', 'src-1', 'src-2'].map((id) => store.incidents.get(id, ALL)));
    const entries = (await store.audit.list({ limit: 100 })).length;

    clock.advance(60_000);
    const again = await mergeIncidents(deps, ANALYST, 'target', ['src-2', 'src-1', 'src-1'], 1);
    expect(again.merged).to.deep.equal([]);
    expect(await Promise.all(['target', 'src-1', 'src-2'].map((id) => store.incidents.get(id, ALL)))).to.deep.equal(before);
    expect(await store.audit.list({ limit: 100 })).to.have.length(entries);
  });

  it('refuses to close a source that took a new alert after it was read, so no alert is left behind', async () => {
    const incidents = Object.create(store.incidents) as IncidentStore;
    let raced = false;
    incidents.recordAlert = async (update) => {
      if (!raced) {
        raced = true;
        await store.incidents.recordAlert({ ...update, incidentId: 'src-1', alertId: 'al-1c', title: 'src-1' });
      }
      return store.incidents.recordAlert(update);
    };
    const deps: TriageDeps = { store: Object.assign(Object.create(store) as SqliteStore, { incidents }), clock };
    const error = await mergeIncidents(deps, ANALYST, 'target', ['src-1'], 1).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(LagebildError).with.property('code', 'conflict');
    expect((await store.incidents.get('src-1', ALL))?.status).to.equal('new');

    const current = (await store.incidents.get('target', ALL))!;
    await mergeIncidents({ store, clock }, ANALYST, 'target', ['src-1'], current.version);
    expect((await store.incidents.get('target', ALL))?.alertIds).to.include('al-1c');
  });
});
