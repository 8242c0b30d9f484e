import { expect } from 'chai';
import type { Alert } from '../../core/domain/alert.js';
import { auditHash, GENESIS_HASH } from '../../core/domain/audit.js';
import type { EcsEvent } from '../../core/domain/ecs.js';
import type { Incident, Severity } from '../../core/domain/incident.js';
import type { Organisation } from '../../core/domain/organisation.js';
import { ALL, organisationScope } from '../../core/domain/scope.js';
import type { User } from '../../core/domain/user.js';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.js';
import type { IncidentAlertUpdate, IncidentQuery, Store } from '../../core/ports/stores.js';
import { allPages } from '../support/all-pages.js';

export interface StoreUnderTest {
  store: Store;
  cleanup(): Promise<void>;
}

const ORG_A = 'org-a';
const ORG_B = 'org-b';
const officerA = organisationScope(ORG_A);
const officerB = organisationScope(ORG_B);

function event(id: string, organizationId: string | undefined, timestamp: string, message = `event ${id}`): EcsEvent {
  return {
    '@timestamp': timestamp,
    event: { id, kind: 'event', category: ['authentication'], outcome: 'failure', dataset: 'sshd' },
    ...(organizationId === undefined ? {} : { organization: { id: organizationId } }),
    source: { ip: '203.0.113.7', port: 50022 },
    host: { name: 'web01' },
    message,
  };
}

function alert(id: string, organizationId: string | null, timestamp: string, ruleId = 'rule-ssh-bruteforce'): Alert {
  return {
    '@timestamp': timestamp,
    alert: { id, count: 1 },
    rule: { id: ruleId, title: `Rule ${ruleId}`, level: 'high', type: 'sigma' },
    event_ids: [`${id}-e1`, `${id}-e2`],
    group: { 'source.ip': '203.0.113.7' },
    organization: { id: organizationId },
    tags: ['attack.t1110'],
  };
}

function update(incidentId: string, alertId: string, overrides: Partial<IncidentAlertUpdate> = {}): IncidentAlertUpdate {
  return {
    incidentId,
    title: `SSH brute force against ${incidentId}`,
    organizationId: ORG_A,
    ruleId: 'rule-ssh-bruteforce',
    ruleTitle: 'SSH brute force',
    entity: 'source.ip=203.0.113.7',
    severity: 'medium',
    alertId,
    eventCount: 3,
    at: '2025-03-01T10:00:00.000Z',
    tags: ['attack.t1110'],
    now: '2025-03-01T10:00:05.000Z',
    ...overrides,
  };
}

function organisation(id: string, name: string, parentId: string | null = null): Organisation {
  return {
    id,
    name,
    kind: 'municipal',
    parentId,
    networks: ['198.51.100.0/24'],
    domains: [`${id}.example`],
    contacts: [{ role: 'isb', name: `ISB ${name}`, email: `isb@${id}.example` }],
    reportingRegime: 'section17',
    critical: false,
  };
}

function user(id: string, username: string, organizationId: string | null, role: User['role'] = 'officer'): User {
  return {
    id,
    username,
    displayName: username,
    email: `${username}@example.org`,
    role,
    organizationId,
    passwordHash: 'scrypt$placeholder',
    disabled: false,
    createdAt: '2025-01-01T00:00:00.000Z',
  };
}

/** Minutes after a fixed instant, as ISO strings: tests never depend on the wall clock. */
function minute(n: number): string {
  return new Date(Date.UTC(2025, 2, 1, 10, 0, 0) + n * 60_000).toISOString();
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/**
 * The behaviour every Store adapter must show. `factory` returns a fresh, initialised, empty store;
 * reads must see every write that completed before them.
 */
export function storeContract(name: string, factory: () => Promise<StoreUnderTest>): void {
  describe(`contract > store > ${name}`, function () {
    this.timeout(60_000);
    let store: Store;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await factory());
    });

    afterEach(async () => {
      await cleanup();
    });

    describe('lifecycle', () => {
      it('answers ping and tolerates a second init over existing data', async () => {
        await store.events.putMany([event('e1', ORG_A, minute(0))]);
        await store.incidents.recordAlert(update('inc-1', 'al-1'));
        await store.init();
        expect(await store.ping()).to.equal(true);
        expect(await store.events.count(ALL)).to.equal(1);
        expect((await store.incidents.get('inc-1', ALL))?.alertCount).to.equal(1);
      });
    });

    describe('events', () => {
      it('stores events and returns them by id', async () => {
        await store.events.putMany([event('e1', ORG_A, minute(0)), event('e2', ORG_B, minute(1))]);
        const found = await store.events.getMany(['e1', 'e2', 'missing'], ALL);
        expect(found.map((e) => e.event.id).sort()).to.deep.equal(['e1', 'e2']);
        expect(found.find((e) => e.event.id === 'e1')).to.deep.equal(event('e1', ORG_A, minute(0)));
      });

      it('is idempotent by event.id: a redelivered event replaces itself', async () => {
        await store.events.putMany([event('e1', ORG_A, minute(0)), event('e2', ORG_A, minute(1))]);
        await store.events.putMany([event('e1', ORG_A, minute(0), 'redelivered'), event('e1', ORG_A, minute(0), 'redelivered')]);
        expect(await store.events.count(ALL)).to.equal(2);
        const [e1] = await store.events.getMany(['e1'], ALL);
        expect(e1?.message).to.equal('redelivered');
      });

      it('stores events given with their serialised form, compact or pretty-printed, as those events', async () => {
        const compact = event('j1', ORG_A, minute(0));
        const pretty = event('j2', ORG_B, minute(1), 'line one\nline two');
        await store.events.putMany([compact, pretty], [JSON.stringify(compact), JSON.stringify(pretty, null, 2)]);
        expect(await store.events.getMany(['j1', 'j2'], ALL)).to.deep.equal([compact, pretty]);
        expect((await store.events.getMany(['j1', 'j2'], officerB)).map((e) => e.event.id)).to.deep.equal(['j2']);
      });

      it('keeps events of other organisations and unattributed events out of an officer scope', async () => {
        await store.events.putMany([event('a1', ORG_A, minute(0)), event('a2', ORG_A, minute(1)), event('b1', ORG_B, minute(2)), event('x1', undefined, minute(3))]);
        expect((await store.events.getMany(['a1', 'b1', 'x1'], officerA)).map((e) => e.event.id)).to.deep.equal(['a1']);
        expect(await store.events.getMany(['a1', 'a2'], officerB)).to.deep.equal([]);
        expect(await store.events.count(officerA)).to.equal(2);
        expect(await store.events.count(officerB)).to.equal(1);
        expect(await store.events.count(ALL)).to.equal(4);
      });

      it('deletes events older than the cutoff except the ones to keep', async () => {
        await store.events.putMany([
          event('old1', ORG_A, '2025-01-01T00:00:00.000Z'),
          event('old2', ORG_A, '2025-01-02T00:00:00.000Z'),
          event('old-kept', ORG_B, '2025-01-03T00:00:00.000Z'),
          event('new1', ORG_A, '2025-03-01T00:00:00.000Z'),
        ]);
        const deleted = await store.events.deleteOlderThan(new Date('2025-02-01T00:00:00.000Z'), new Set(['old-kept', 'unrelated']));
        expect(deleted).to.equal(2);
        const left = await store.events.getMany(['old1', 'old2', 'old-kept', 'new1'], ALL);
        expect(left.map((e) => e.event.id).sort()).to.deep.equal(['new1', 'old-kept']);
      });

      it('deletes every old event when nothing is to be kept', async () => {
        await store.events.putMany([event('old1', ORG_A, '2025-01-01T00:00:00.000Z'), event('new1', ORG_A, '2025-03-01T00:00:00.000Z')]);
        expect(await store.events.deleteOlderThan(new Date('2025-02-01T00:00:00.000Z'))).to.equal(1);
        expect(await store.events.count(ALL)).to.equal(1);
      });
    });

    describe('alerts', () => {
      it('is idempotent by alert.id and returns alerts by id', async () => {
        await store.alerts.putMany([alert('al1', ORG_A, minute(0))]);
        await store.alerts.putMany([{ ...alert('al1', ORG_A, minute(0)), alert: { id: 'al1', count: 4 } }]);
        const page = await store.alerts.search({}, ALL);
        expect(page.total).to.equal(1);
        expect(page.items[0]?.alert.count).to.equal(4);
        expect(await store.alerts.get('al1', ALL)).to.deep.equal({ ...alert('al1', ORG_A, minute(0)), alert: { id: 'al1', count: 4 } });
        expect(await store.alerts.get('missing', ALL)).to.equal(undefined);
      });

      it('keeps other organisations out of an officer scope in get, getMany and search', async () => {
        await store.alerts.putMany([alert('a1', ORG_A, minute(0)), alert('b1', ORG_B, minute(1)), alert('cert', null, minute(2))]);
        expect(await store.alerts.get('b1', officerA)).to.equal(undefined);
        expect((await store.alerts.get('a1', officerA))?.alert.id).to.equal('a1');
        expect((await store.alerts.getMany(['a1', 'b1', 'cert'], officerA)).map((a) => a.alert.id)).to.deep.equal(['a1']);
        const page = await store.alerts.search({}, officerB);
        expect(page.items.map((a) => a.alert.id)).to.deep.equal(['b1']);
        expect(page.total).to.equal(1);
        expect((await store.alerts.search({ organizationId: ORG_A }, officerB)).items).to.deep.equal([]);
      });

      it('filters by organisation, rule and time range, newest first', async () => {
        await store.alerts.putMany([
          alert('a1', ORG_A, minute(1), 'rule-x'),
          alert('a2', ORG_A, minute(2), 'rule-y'),
          alert('a3', ORG_A, minute(3), 'rule-x'),
          alert('b1', ORG_B, minute(4), 'rule-x'),
        ]);
        expect((await store.alerts.search({}, ALL)).items.map((a) => a.alert.id)).to.deep.equal(['b1', 'a3', 'a2', 'a1']);
        expect((await store.alerts.search({ organizationId: ORG_A, ruleId: 'rule-x' }, ALL)).items.map((a) => a.alert.id)).to.deep.equal(['a3', 'a1']);
        const window = await store.alerts.search({ from: minute(2), to: minute(3) }, ALL);
        expect(window.items.map((a) => a.alert.id)).to.deep.equal(['a3', 'a2']);
        expect(window.total).to.equal(2);
      });

      it('pages through every alert exactly once', async () => {
        // Five alerts share each timestamp so that the id tie-breaker is exercised.
        const alerts = Array.from({ length: 25 }, (_, i) => alert(`al-${String(i).padStart(2, '0')}`, i % 5 === 0 ? ORG_B : ORG_A, minute(Math.floor(i / 5))));
        await store.alerts.putMany(alerts);
        const { items, pages, totals } = await allPages((cursor) => store.alerts.search({ limit: 10, ...(cursor === undefined ? {} : { cursor }) }, ALL));
        expect(pages).to.equal(3);
        expect(totals).to.deep.equal([25, 25, 25]);
        expect(new Set(items.map((a) => a.alert.id)).size).to.equal(25);
        const times = items.map((a) => a['@timestamp']);
        expect(times).to.deep.equal([...times].sort().reverse());
      });
    });

    describe('incidents', () => {
      it('opens an incident from the first alert with triage defaults', async () => {
        await store.incidents.recordAlert(update('inc-1', 'al-1', { severity: 'high', eventCount: 4 }));
        const incident = await store.incidents.get('inc-1', ALL);
        expect(incident).to.deep.equal({
          id: 'inc-1',
          title: 'SSH brute force against inc-1',
          organizationIds: [ORG_A],
          ruleId: 'rule-ssh-bruteforce',
          ruleTitle: 'SSH brute force',
          entity: 'source.ip=203.0.113.7',
          entities: [],
          ruleIds: ['rule-ssh-bruteforce'],
          severity: 'high',
          status: 'new',
          tlp: 'TLP:AMBER',
          assignee: null,
          alertIds: ['al-1'],
          alertCount: 1,
          eventCount: 4,
          firstSeen: '2025-03-01T10:00:00.000Z',
          lastSeen: '2025-03-01T10:00:00.000Z',
          tags: ['attack.t1110'],
          createdAt: '2025-03-01T10:00:05.000Z',
          updatedAt: '2025-03-01T10:00:05.000Z',
          version: 1,
          ruleLevel: 'high',
          tactics: [],
          risk: { score: 60, severity: 'high', reasons: [{ code: 'max_rule_level', params: { level: 'high' } }] },
        } satisfies Incident);
      });

      it('records a redelivered alert only once', async () => {
        await store.incidents.recordAlert(update('inc-1', 'al-1'));
        await store.incidents.recordAlert(update('inc-1', 'al-1'));
        await Promise.all([1, 2, 3].map(() => store.incidents.recordAlert(update('inc-1', 'al-1'))));
        const incident = await store.incidents.get('inc-1', ALL);
        expect(incident?.alertCount).to.equal(1);
        expect(incident?.eventCount).to.equal(3);
        expect(incident?.alertIds).to.deep.equal(['al-1']);
        expect(incident?.version).to.equal(1);
      });

      it('folds further alerts into counts, time span, severity, organisations and tags', async () => {
        await store.incidents.recordAlert(update('inc-1', 'al-1', { at: minute(10), severity: 'medium', eventCount: 2 }));
        await store.incidents.recordAlert(update('inc-1', 'al-2', { at: minute(5), severity: 'critical', eventCount: 3, organizationId: ORG_B, tags: ['attack.t1078'], now: minute(20) }));
        await store.incidents.recordAlert(update('inc-1', 'al-3', { at: minute(15), severity: 'low', eventCount: 1, organizationId: null, now: minute(30) }));
        const incident = await store.incidents.get('inc-1', ALL);
        expect(incident?.alertIds).to.have.members(['al-1', 'al-2', 'al-3']);
        expect(incident?.alertCount).to.equal(3);
        expect(incident?.eventCount).to.equal(6);
        expect(incident?.firstSeen).to.equal(minute(5));
        expect(incident?.lastSeen).to.equal(minute(15));
        expect(incident?.severity).to.equal('critical');
        expect(incident?.organizationIds).to.have.members([ORG_A, ORG_B]);
        expect(incident?.tags).to.have.members(['attack.t1110', 'attack.t1078']);
        expect(incident?.updatedAt).to.equal(minute(30));
        expect(incident?.version).to.equal(3);
      });

      it('loses no alert when many arrive at once', async () => {
        await Promise.all(Array.from({ length: 12 }, (_, i) => store.incidents.recordAlert(update('inc-1', `al-${i}`, { eventCount: 1 }))));
        const incident = await store.incidents.get('inc-1', ALL);
        expect(incident?.alertCount).to.equal(12);
        expect(incident?.eventCount).to.equal(12);
        expect(new Set(incident?.alertIds).size).to.equal(12);
      });

      it('shows an incident only to the organisations it touches', async () => {
        await store.incidents.recordAlert(update('inc-a', 'al-1', { organizationId: ORG_A }));
        await store.incidents.recordAlert(update('inc-b', 'al-2', { organizationId: ORG_B }));
        await store.incidents.recordAlert(update('inc-ab', 'al-3', { organizationId: ORG_A }));
        await store.incidents.recordAlert(update('inc-ab', 'al-4', { organizationId: ORG_B }));
        await store.incidents.recordAlert(update('inc-cert', 'al-5', { organizationId: null }));
        expect(await store.incidents.get('inc-b', officerA)).to.equal(undefined);
        expect(await store.incidents.get('inc-cert', officerA)).to.equal(undefined);
        expect((await store.incidents.get('inc-ab', officerA))?.id).to.equal('inc-ab');
        const listA = await store.incidents.list({}, officerA);
        expect(listA.items.map((i) => i.id).sort()).to.deep.equal(['inc-a', 'inc-ab']);
        expect(listA.total).to.equal(2);
        expect((await store.incidents.list({ organizationId: ORG_B }, officerA)).items.map((i) => i.id)).to.deep.equal(['inc-ab']);
        expect((await store.incidents.list({}, ALL)).total).to.equal(4);
      });

      it('shows a campaign incident to every organisation its alerts name, and to no other', async () => {
        const officerC = organisationScope('org-c');
        await store.incidents.recordAlert(update('inc-campaign', 'al-1', { organizationId: null, organizationIds: [ORG_B, ORG_A] }));
        await store.incidents.recordAlert(update('inc-campaign', 'al-2', { organizationId: ORG_A, organizationIds: [ORG_A] }));
        expect((await store.incidents.get('inc-campaign', ALL))?.organizationIds).to.deep.equal([ORG_A, ORG_B]);
        expect((await store.incidents.get('inc-campaign', officerA))?.id).to.equal('inc-campaign');
        expect((await store.incidents.get('inc-campaign', officerB))?.id).to.equal('inc-campaign');
        expect(await store.incidents.get('inc-campaign', officerC)).to.equal(undefined);
        expect((await store.incidents.list({}, officerB)).items.map((i) => i.id)).to.deep.equal(['inc-campaign']);
        expect((await store.incidents.list({}, officerC)).total).to.equal(0);
      });

      describe('list', () => {
        beforeEach(async () => {
          const specs: [string, Severity, string | null, string, number, string][] = [
            // id, severity, organisation, rule, minute, title word
            ['inc-1', 'low', ORG_A, 'rule-ssh', 1, 'SSH brute force'],
            ['inc-2', 'high', ORG_A, 'rule-rdp', 2, 'RDP password spraying'],
            ['inc-3', 'critical', ORG_B, 'rule-ssh', 3, 'SSH brute force'],
            ['inc-4', 'medium', ORG_B, 'rule-kerberos', 4, 'Kerberoasting detected'],
          ];
          for (const [id, severity, organizationId, ruleId, at, title] of specs) {
            await store.incidents.recordAlert(
              update(id, `${id}-al`, { severity, organizationId, ruleId, ruleTitle: title, title: `${title} at ${organizationId}`, at: minute(at), now: minute(at + 100) }),
            );
          }
        });

        const ids = async (query: IncidentQuery) => (await store.incidents.list(query, ALL)).items.map((i) => i.id);

        it('sorts by last seen, newest first, by default', async () => {
          expect(await ids({})).to.deep.equal(['inc-4', 'inc-3', 'inc-2', 'inc-1']);
        });

        it('sorts by severity and by first seen in both directions', async () => {
          expect(await ids({ sort: 'severity' })).to.deep.equal(['inc-3', 'inc-2', 'inc-4', 'inc-1']);
          expect(await ids({ sort: 'severity', order: 'asc' })).to.deep.equal(['inc-1', 'inc-4', 'inc-2', 'inc-3']);
          expect(await ids({ sort: 'firstSeen', order: 'asc' })).to.deep.equal(['inc-1', 'inc-2', 'inc-3', 'inc-4']);
          expect(await ids({ sort: 'createdAt', order: 'desc' })).to.deep.equal(['inc-4', 'inc-3', 'inc-2', 'inc-1']);
        });

        it('filters by status, severity, organisation, rule and time window', async () => {
          const inc2 = await store.incidents.get('inc-2', ALL);
          await store.incidents.update('inc-2', inc2!.version, { status: 'investigating' }, ALL, minute(200));
          expect(await ids({ status: ['investigating'] })).to.deep.equal(['inc-2']);
          expect(await ids({ status: ['new', 'resolved'] })).to.deep.equal(['inc-4', 'inc-3', 'inc-1']);
          expect(await ids({ severity: ['high', 'critical'] })).to.deep.equal(['inc-3', 'inc-2']);
          expect(await ids({ organizationId: ORG_B })).to.deep.equal(['inc-4', 'inc-3']);
          expect(await ids({ ruleId: 'rule-ssh' })).to.deep.equal(['inc-3', 'inc-1']);
          expect(await ids({ from: minute(2), to: minute(3) })).to.deep.equal(['inc-3', 'inc-2']);
          const filtered = await store.incidents.list({ ruleId: 'rule-ssh', organizationId: ORG_A }, ALL);
          expect(filtered.items.map((i) => i.id)).to.deep.equal(['inc-1']);
          expect(filtered.total).to.equal(1);
        });

        it('finds incidents by a word of the title, rule title or entity', async () => {
          expect(await ids({ text: 'kerberoasting' })).to.deep.equal(['inc-4']);
          expect(await ids({ text: 'Brute' })).to.deep.equal(['inc-3', 'inc-1']);
          expect(await ids({ text: 'spraying' })).to.deep.equal(['inc-2']);
          expect(await ids({ text: 'nothing-like-this' })).to.deep.equal([]);
          expect((await store.incidents.list({ text: 'brute' }, officerA)).items.map((i) => i.id)).to.deep.equal(['inc-1']);
        });

        it('rejects a cursor it did not issue', async () => {
          expect(await rejection(store.incidents.list({ cursor: 'not-a-cursor' }, ALL))).to.be.instanceOf(ValidationError);
        });
      });

      it('pages through 25 incidents in pages of 10 without duplicates or gaps, whatever the sort', async () => {
        const severities: Severity[] = ['low', 'medium', 'high'];
        for (let i = 0; i < 25; i += 1) {
          // Only five distinct times and three severities: ties must be broken by id, not by luck.
          await store.incidents.recordAlert(update(`inc-${String(i).padStart(2, '0')}`, `al-${i}`, { at: minute(i % 5), severity: severities[i % 3]!, now: minute(i) }));
        }
        for (const query of [{}, { sort: 'severity' }, { sort: 'firstSeen', order: 'asc' }, { sort: 'createdAt', order: 'desc' }] as IncidentQuery[]) {
          const { items, pages, totals } = await allPages((cursor) => store.incidents.list({ ...query, limit: 10, ...(cursor === undefined ? {} : { cursor }) }, ALL));
          expect(pages, JSON.stringify(query)).to.equal(3);
          expect(totals).to.deep.equal([25, 25, 25]);
          expect(items.map((i) => i.id).sort(), JSON.stringify(query)).to.deep.equal(Array.from({ length: 25 }, (_, i) => `inc-${String(i).padStart(2, '0')}`));
        }
      });

      it('applies an update at the expected version and bumps the version', async () => {
        await store.incidents.recordAlert(update('inc-1', 'al-1'));
        const updated = await store.incidents.update('inc-1', 1, { status: 'acknowledged', assignee: 'analyst', tlp: 'TLP:RED', severity: 'critical' }, ALL, minute(60));
        expect(updated).to.include({ status: 'acknowledged', assignee: 'analyst', tlp: 'TLP:RED', severity: 'critical', version: 2, updatedAt: minute(60) });
        expect(updated.alertIds).to.deep.equal(['al-1']);
        expect(await store.incidents.get('inc-1', ALL)).to.deep.equal(updated);
        expect((await store.incidents.list({ status: ['acknowledged'] }, ALL)).items.map((i) => i.id)).to.deep.equal(['inc-1']);
        const unassigned = await store.incidents.update('inc-1', 2, { assignee: null }, officerA, minute(61));
        expect(unassigned.assignee).to.equal(null);
        expect(unassigned.status).to.equal('acknowledged');
      });

      it('refuses an update from a stale version with ConflictError', async () => {
        await store.incidents.recordAlert(update('inc-1', 'al-1'));
        await store.incidents.update('inc-1', 1, { status: 'investigating' }, ALL, minute(60));
        const error = await rejection(store.incidents.update('inc-1', 1, { status: 'closed' }, ALL, minute(61)));
        expect(error).to.be.instanceOf(ConflictError);
        expect((await store.incidents.get('inc-1', ALL))?.status).to.equal('investigating');
      });

      it('lets exactly one of two concurrent updates from the same version win', async () => {
        await store.incidents.recordAlert(update('inc-1', 'al-1'));
        const results = await Promise.allSettled([
          store.incidents.update('inc-1', 1, { assignee: 'alice' }, ALL, minute(60)),
          store.incidents.update('inc-1', 1, { assignee: 'bob' }, ALL, minute(60)),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
        const failed = results.find((r) => r.status === 'rejected');
        expect(failed?.status === 'rejected' ? failed.reason : undefined).to.be.instanceOf(ConflictError);
        expect((await store.incidents.get('inc-1', ALL))?.version).to.equal(2);
      });

      describe('recordAlerts', () => {
        it('folds a batch into the same incidents as one recordAlert per update, in order', async () => {
          const batch = [
            update('inc-1', 'al-1', { at: minute(10), severity: 'medium', eventCount: 2 }),
            update('inc-2', 'al-2', { organizationId: ORG_B }),
            update('inc-1', 'al-3', { at: minute(5), severity: 'critical', eventCount: 3, organizationId: ORG_B, tags: ['attack.t1078'], now: minute(20) }),
            update('inc-1', 'al-4', { at: minute(15), severity: 'low', eventCount: 1, organizationId: null, now: minute(30) }),
          ];
          await store.incidents.recordAlerts(batch);
          for (const one of batch) await store.incidents.recordAlert({ ...one, incidentId: `single-${one.incidentId}`, title: `single ${one.title}` });
          for (const id of ['inc-1', 'inc-2']) {
            const batched = await store.incidents.get(id, ALL);
            const single = await store.incidents.get(`single-${id}`, ALL);
            expect(batched).to.deep.equal({ ...single, id, title: batched?.title });
          }
          const incident = await store.incidents.get('inc-1', ALL);
          expect(incident?.alertIds).to.deep.equal(['al-1', 'al-3', 'al-4']);
          expect(incident).to.include({ alertCount: 3, eventCount: 6, firstSeen: minute(5), lastSeen: minute(15), severity: 'critical', version: 3, updatedAt: minute(30) });
        });

        it('records an alert once, whether redelivered within a batch, in a later batch or alone', async () => {
          await store.incidents.recordAlert(update('inc-1', 'al-1'));
          await store.incidents.recordAlerts([update('inc-1', 'al-1'), update('inc-1', 'al-2'), update('inc-1', 'al-2')]);
          await store.incidents.recordAlerts([update('inc-1', 'al-2'), update('inc-1', 'al-1')]);
          await store.incidents.recordAlerts([]);
          const incident = await store.incidents.get('inc-1', ALL);
          expect(incident?.alertIds).to.deep.equal(['al-1', 'al-2']);
          expect(incident).to.include({ alertCount: 2, eventCount: 6, version: 2 });
        });

        it('loses no alert when batches for the same incident race', async () => {
          await Promise.all(Array.from({ length: 6 }, (_, i) => store.incidents.recordAlerts([update('inc-1', `al-${i}a`, { eventCount: 1 }), update('inc-1', `al-${i}b`, { eventCount: 1 })])));
          const incident = await store.incidents.get('inc-1', ALL);
          expect(incident?.alertCount).to.equal(12);
          expect(new Set(incident?.alertIds).size).to.equal(12);
        });

        it('sends the alerts of a merged incident to its merge target, across a chain of merges', async () => {
          await store.incidents.recordAlert(update('inc-a', 'al-1'));
          await store.incidents.recordAlert(update('inc-b', 'al-2'));
          await store.incidents.recordAlert(update('inc-c', 'al-3'));
          await store.incidents.update('inc-a', 1, { status: 'closed', mergedInto: 'inc-b' }, ALL, minute(60));
          await store.incidents.update('inc-b', 1, { status: 'closed', mergedInto: 'inc-c' }, ALL, minute(61));
          await store.incidents.recordAlerts([update('inc-a', 'al-4'), update('inc-b', 'al-5'), update('inc-new', 'al-6')]);
          expect((await store.incidents.get('inc-a', ALL))?.alertIds).to.deep.equal(['al-1']);
          expect((await store.incidents.get('inc-b', ALL))?.alertIds).to.deep.equal(['al-2']);
          const target = await store.incidents.get('inc-c', ALL);
          expect(target?.alertIds).to.deep.equal(['al-3', 'al-4', 'al-5']);
          expect(target?.alertCount).to.equal(3);
          expect((await store.incidents.get('inc-new', ALL))?.alertIds).to.deep.equal(['al-6']);
        });
      });

      it('persists mergedInto and lists the incidents merged into one, within the scope', async () => {
        await store.incidents.recordAlert(update('inc-target', 'al-1', { organizationId: ORG_A }));
        await store.incidents.recordAlert(update('inc-dup-a', 'al-2', { organizationId: ORG_A, at: minute(1) }));
        await store.incidents.recordAlert(update('inc-dup-b', 'al-3', { organizationId: ORG_B, at: minute(2) }));
        await store.incidents.recordAlert(update('inc-other', 'al-4', { organizationId: ORG_A }));
        const merged = await store.incidents.update('inc-dup-a', 1, { status: 'closed', mergedInto: 'inc-target' }, ALL, minute(60));
        expect(merged).to.include({ status: 'closed', mergedInto: 'inc-target', version: 2 });
        await store.incidents.update('inc-dup-b', 1, { status: 'closed', mergedInto: 'inc-target' }, ALL, minute(60));
        expect(await store.incidents.get('inc-dup-a', ALL)).to.deep.equal(merged);
        expect((await store.incidents.get('inc-other', ALL))?.mergedInto ?? null).to.equal(null);

        const all = await store.incidents.list({ mergedInto: 'inc-target', sort: 'firstSeen', order: 'asc' }, ALL);
        expect(all.items.map((i) => i.id)).to.deep.equal(['inc-dup-a', 'inc-dup-b']);
        expect(all.total).to.equal(2);
        const scoped = await store.incidents.list({ mergedInto: 'inc-target' }, officerA);
        expect(scoped.items.map((i) => i.id)).to.deep.equal(['inc-dup-a']);
        expect(scoped.total).to.equal(1);

        const reset = await store.incidents.update('inc-dup-a', 2, { mergedInto: null }, ALL, minute(61));
        expect(reset.mergedInto).to.equal(null);
        expect((await store.incidents.list({ mergedInto: 'inc-target' }, ALL)).items.map((i) => i.id)).to.deep.equal(['inc-dup-b']);
      });

      it('treats an update outside the scope or of a missing incident as NotFound', async () => {
        await store.incidents.recordAlert(update('inc-a', 'al-1', { organizationId: ORG_A }));
        expect(await rejection(store.incidents.update('inc-a', 1, { status: 'closed' }, officerB, minute(60)))).to.be.instanceOf(NotFoundError);
        expect(await rejection(store.incidents.update('missing', 1, { status: 'closed' }, ALL, minute(60)))).to.be.instanceOf(NotFoundError);
        expect((await store.incidents.get('inc-a', ALL))?.status).to.equal('new');
      });

      it('lets a scoped caller change only incidents of their organisation alone, not one it shares', async () => {
        await store.incidents.recordAlert(update('inc-a', 'al-1', { organizationId: ORG_A }));
        await store.incidents.recordAlert(update('inc-ab', 'al-2', { organizationId: ORG_A }));
        await store.incidents.recordAlert(update('inc-ab', 'al-3', { organizationId: ORG_B }));
        await store.incidents.recordAlert(update('inc-campaign', 'al-4', { organizationId: null, organizationIds: [ORG_A, ORG_B] }));
        expect((await store.incidents.update('inc-a', 1, { status: 'acknowledged' }, officerA, minute(60))).status).to.equal('acknowledged');
        for (const id of ['inc-ab', 'inc-campaign']) {
          const version = (await store.incidents.get(id, officerA))!.version;
          expect(await rejection(store.incidents.update(id, version, { tlp: 'TLP:RED', assignee: 'someone' }, officerA, minute(60))), id).to.be.instanceOf(NotFoundError);
          expect(await store.incidents.get(id, ALL), id).to.deep.include({ tlp: 'TLP:AMBER', assignee: null, version });
        }
        expect((await store.incidents.update('inc-ab', (await store.incidents.get('inc-ab', ALL))!.version, { tlp: 'TLP:RED' }, ALL, minute(61))).tlp).to.equal('TLP:RED');
      });
    });

    describe('incident stats', () => {
      const window = { from: '2025-03-01T00:00:00.000Z', to: '2025-03-02T23:59:59.999Z' };

      beforeEach(async () => {
        await store.incidents.recordAlert(update('inc-1', 'al-1', { organizationId: ORG_A, severity: 'high', at: '2025-03-01T10:15:00.000Z' }));
        await store.incidents.recordAlert(update('inc-2', 'al-2', { organizationId: ORG_A, severity: 'low', at: '2025-03-01T10:45:00.000Z', ruleId: 'rule-rdp', ruleTitle: 'RDP spraying' }));
        await store.incidents.recordAlert(update('inc-3', 'al-3', { organizationId: ORG_B, severity: 'high', at: '2025-03-02T08:00:00.000Z' }));
        await store.incidents.recordAlert(update('inc-4', 'al-4', { organizationId: null, organizationIds: [ORG_A, ORG_B], severity: 'critical', at: '2025-03-01T12:00:00.000Z' }));
        // Outside the window: counted nowhere.
        await store.incidents.recordAlert(update('inc-5', 'al-5', { organizationId: ORG_A, severity: 'high', at: '2025-02-27T10:00:00.000Z' }));
        const current = await store.incidents.get('inc-3', ALL);
        await store.incidents.update('inc-3', current!.version, { status: 'acknowledged' }, ALL, '2025-03-02T09:00:00.000Z');
      });

      it('counts by day, organisation, rule and status for the CERT', async () => {
        const stats = await store.incidents.stats({ ...window, bucket: 'day' }, ALL);
        expect(stats.overTime).to.deep.equal([
          { at: '2025-03-01T00:00:00.000Z', counts: { informational: 0, low: 1, medium: 0, high: 1, critical: 1 } },
          { at: '2025-03-02T00:00:00.000Z', counts: { informational: 0, low: 0, medium: 0, high: 1, critical: 0 } },
        ]);
        expect(stats.byOrganisation).to.deep.equal([
          { organizationId: ORG_A, count: 3 },
          { organizationId: ORG_B, count: 2 },
        ]);
        expect(stats.byRule).to.deep.equal([
          { ruleId: 'rule-ssh-bruteforce', ruleTitle: 'SSH brute force', count: 3 },
          { ruleId: 'rule-rdp', ruleTitle: 'RDP spraying', count: 1 },
        ]);
        expect(stats.byStatus).to.deep.equal({ new: 3, acknowledged: 1, investigating: 0, contained: 0, resolved: 0, closed: 0, false_positive: 0 });
      });

      it('returns every hour of the window, empty ones included', async () => {
        const stats = await store.incidents.stats({ from: '2025-03-01T09:30:00.000Z', to: '2025-03-01T12:10:00.000Z', bucket: 'hour' }, ALL);
        expect(stats.overTime.map((bucket) => bucket.at)).to.deep.equal(['2025-03-01T09:00:00.000Z', '2025-03-01T10:00:00.000Z', '2025-03-01T11:00:00.000Z', '2025-03-01T12:00:00.000Z']);
        expect(stats.overTime.map((bucket) => Object.values(bucket.counts).reduce((a, b) => a + b, 0))).to.deep.equal([0, 2, 0, 1]);
      });

      it('counts only what the officer may see and names no other organisation', async () => {
        const stats = await store.incidents.stats({ ...window, bucket: 'day' }, officerB);
        expect(stats.byOrganisation).to.deep.equal([{ organizationId: ORG_B, count: 2 }]);
        expect(stats.byStatus.new + stats.byStatus.acknowledged).to.equal(2);
        expect(stats.overTime.map((bucket) => bucket.counts)).to.deep.equal([
          { informational: 0, low: 0, medium: 0, high: 0, critical: 1 },
          { informational: 0, low: 0, medium: 0, high: 1, critical: 0 },
        ]);
        const none = await store.incidents.stats({ ...window, bucket: 'day' }, organisationScope('org-c'));
        expect(none.byOrganisation).to.deep.equal([]);
        expect(none.byRule).to.deep.equal([]);
      });

      it('refuses a window that ends before it starts', async () => {
        const error = await rejection(store.incidents.stats({ from: window.to, to: window.from, bucket: 'day' }, ALL));
        expect(error).to.be.instanceOf(ValidationError);
      });
    });

    describe('organisations', () => {
      it('upserts and lists organisations, replacing by id', async () => {
        await store.organisations.upsert(organisation(ORG_B, 'Gemeinde Beispielstadt'));
        await store.organisations.upsert(organisation(ORG_A, 'Landkreis Alpha'));
        await store.organisations.upsert({ ...organisation(ORG_A, 'Landkreis Alpha'), critical: true });
        expect(await store.organisations.get(ORG_A, ALL)).to.deep.equal({ ...organisation(ORG_A, 'Landkreis Alpha'), critical: true });
        expect((await store.organisations.list(ALL)).map((o) => o.id).sort()).to.deep.equal([ORG_A, ORG_B]);
        expect(await store.organisations.get('missing', ALL)).to.equal(undefined);
      });

      it('shows an officer only their own organisation', async () => {
        await store.organisations.upsert(organisation(ORG_A, 'Landkreis Alpha'));
        await store.organisations.upsert(organisation(ORG_B, 'Gemeinde Beispielstadt', ORG_A));
        expect(await store.organisations.get(ORG_B, officerA)).to.equal(undefined);
        expect((await store.organisations.get(ORG_A, officerA))?.name).to.equal('Landkreis Alpha');
        expect((await store.organisations.list(officerB)).map((o) => o.id)).to.deep.equal([ORG_B]);
      });
    });

    describe('users', () => {
      it('upserts users and finds them by id and username', async () => {
        await store.users.upsert(user('u1', 'officer', ORG_A));
        await store.users.upsert({ ...user('u1', 'officer', ORG_A), disabled: true });
        expect(await store.users.get('u1')).to.deep.equal({ ...user('u1', 'officer', ORG_A), disabled: true });
        expect((await store.users.findByUsername('officer'))?.id).to.equal('u1');
        expect(await store.users.findByUsername('nobody')).to.equal(undefined);
        expect(await store.users.get('missing')).to.equal(undefined);
      });

      it('keeps the one-time password flag', async () => {
        await store.users.upsert({ ...user('u1', 'admin', null, 'admin'), mustChangePassword: true });
        expect((await store.users.get('u1'))?.mustChangePassword).to.equal(true);
        expect((await store.users.findByUsername('admin'))?.mustChangePassword).to.equal(true);
      });

      it('finds a user by username regardless of case, and refuses the name in another case for another user', async () => {
        await store.users.upsert(user('u1', 'Officer.A', ORG_A));
        expect((await store.users.findByUsername('officer.a'))?.id).to.equal('u1');
        expect((await store.users.findByUsername('OFFICER.A'))?.id).to.equal('u1');
        const error = await rejection(store.users.upsert(user('u2', 'officer.a', ORG_A)));
        expect(error).to.be.instanceOf(ConflictError);
        expect(await store.users.get('u2')).to.equal(undefined);
        await store.users.upsert({ ...user('u1', 'Officer.A', ORG_A), disabled: true });
        expect((await store.users.get('u1'))?.disabled).to.equal(true);
      });

      it('lists only the users of the scope organisation', async () => {
        await store.users.upsert(user('u1', 'officer', ORG_A));
        await store.users.upsert(user('u2', 'officer2', ORG_B));
        await store.users.upsert(user('u3', 'analyst', null, 'analyst'));
        expect((await store.users.list(ALL)).map((u) => u.id).sort()).to.deep.equal(['u1', 'u2', 'u3']);
        expect((await store.users.list(officerA)).map((u) => u.id)).to.deep.equal(['u1']);
      });
    });

    describe('audit', () => {
      const entry = (objectId: string, action = 'incident.update') => ({ actor: 'analyst', action, objectType: 'incident', objectId, before: { status: 'new' }, after: { status: 'acknowledged' }, organizationId: ORG_A });

      it('chains entries: seq increments, prevHash links, hashes recompute', async () => {
        const first = await store.audit.append(entry('inc-1'), minute(0));
        await store.audit.append(entry('inc-2'), minute(1));
        await store.audit.append({ actor: 'system', action: 'retention.run', objectType: 'events', objectId: 'events' }, minute(2));
        const entries = await store.audit.list({});
        expect(entries.map((e) => e.seq)).to.deep.equal([1, 2, 3]);
        expect(first).to.deep.equal(entries[0]);
        expect(entries[0]?.prevHash).to.equal(GENESIS_HASH);
        entries.forEach((e, i) => {
          if (i > 0) expect(e.prevHash).to.equal(entries[i - 1]?.hash);
          const { hash, prevHash, ...body } = e;
          expect(auditHash(prevHash, body)).to.equal(hash);
        });
        expect(entries[1]).to.include({ actor: 'analyst', objectId: 'inc-2', at: minute(1), organizationId: ORG_A });
      });

      it('keeps the chain intact under concurrent appends', async () => {
        await Promise.all(Array.from({ length: 10 }, (_, i) => store.audit.append(entry(`inc-${i}`), minute(i))));
        const entries = await store.audit.list({ limit: 100 });
        expect(entries.map((e) => e.seq)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        entries.forEach((e, i) => expect(e.prevHash).to.equal(i === 0 ? GENESIS_HASH : entries[i - 1]?.hash));
      });

      it('lists by object, after a sequence number, up to a limit', async () => {
        for (let i = 0; i < 6; i += 1) await store.audit.append(entry(i % 2 === 0 ? 'inc-even' : 'inc-odd'), minute(i));
        expect((await store.audit.list({ objectId: 'inc-odd' })).map((e) => e.seq)).to.deep.equal([2, 4, 6]);
        expect((await store.audit.list({ afterSeq: 3 })).map((e) => e.seq)).to.deep.equal([4, 5, 6]);
        expect((await store.audit.list({ afterSeq: 1, limit: 2 })).map((e) => e.seq)).to.deep.equal([2, 3]);
      });
    });

    describe('leases', () => {
      const at = (n: number) => new Date(minute(n));

      it('grants a free lease, refuses another holder until expiry, renews for its holder', async () => {
        expect(await store.leases.acquire('retention', 'node-1', at(0), at(5))).to.equal(true);
        expect(await store.leases.acquire('retention', 'node-2', at(1), at(6))).to.equal(false);
        expect(await store.leases.acquire('retention', 'node-1', at(2), at(7))).to.equal(true);
        expect(await store.leases.acquire('retention', 'node-2', at(6), at(11))).to.equal(false);
        expect(await store.leases.acquire('retention', 'node-2', at(7), at(12))).to.equal(true);
        expect(await store.leases.acquire('retention', 'node-1', at(8), at(13))).to.equal(false);
        expect(await store.leases.acquire('reporting-deadlines', 'node-1', at(8), at(13))).to.equal(true);
      });

      it('grants a contested free lease to exactly one holder', async () => {
        const results = await Promise.all(['n1', 'n2', 'n3', 'n4'].map((holder) => store.leases.acquire('digest', holder, at(0), at(5))));
        expect(results.filter(Boolean)).to.have.length(1);
      });
    });
  });
}
