import { expect } from 'chai';
import { ManualClock } from '../../core/clock.js';
import type { Alert } from '../../core/domain/alert.js';
import type { Incident } from '../../core/domain/incident.js';
import { ALL, organisationScope } from '../../core/domain/scope.js';
import type { Store } from '../../core/ports/stores.js';
import { alert, event, intrusion } from '../support/story-alerts.js';
import { incidentUpdateFor } from '../../detectors/incidents/incident-update.js';
import { recordAlertBatch } from '../../workflows/incident-recorder.js';

export interface IncidentStoriesUnderTest {
  /** Two handles on the same storage, as two recorder processes have. */
  stores: [Store, Store];
  /** Makes completed writes searchable (Elasticsearch refreshes once a second). */
  refresh(): Promise<void>;
  cleanup(): Promise<void>;
}

const OPTIONS = { windowMs: 24 * 3_600_000, maxClaims: 5000, riskThreshold: 100 };
/** The recorder's path from alerts to incidents, without the bus: story grouping, folding, campaigns. */
async function record(store: Store, clock: ManualClock, alerts: Alert[]): Promise<void> {
  await recordAlertBatch({ store, clock, incidentUpdateFor, stories: OPTIONS, critical: async () => new Set() }, alerts);
}

async function incidentsOf(store: Store, refresh: () => Promise<void>): Promise<Incident[]> {
  await refresh();
  return (await store.incidents.list({ limit: 500, topLevel: false }, ALL)).items.filter((incident) => !incident.mergedInto);
}

/** Story grouping and campaigns on one store adapter (workflows/incident-stories/). */
export function incidentStoriesContract(name: string, factory: () => Promise<IncidentStoriesUnderTest>): void {
  describe(`contract > incident stories > ${name}`, function () {
    this.timeout(60_000);
    let store: Store;
    let other: Store;
    let refresh: () => Promise<void>;
    let cleanup: () => Promise<void>;
    const clock = new ManualClock(new Date('2026-11-20T09:00:00.000Z'));

    beforeEach(async () => {
      ({ stores: [store, other], refresh, cleanup } = await factory());
    });

    afterEach(async () => {
      await cleanup();
    });

    it('makes one incident of a five-stage intrusion linked through address, host and account', async () => {
      await record(store, clock, intrusion());
      const open = await incidentsOf(store, refresh);
      expect(open).to.have.length(1);
      expect(open[0]!.alertCount).to.equal(6);
      expect(open[0]!.ruleIds).to.have.length(6);
      expect(open[0]!.entities).to.include.members(['host.name=fs01', 'source.ip=203.0.113.66', 'dns.question.name=update-check.example.net']);
    });

    it('rates the story, not its alerts: six medium stages from reconnaissance to C2 make a critical incident, with its reasons', async () => {
      await record(store, clock, intrusion());
      await refresh();
      const [listed] = await incidentsOf(store, refresh);
      const incident = (await store.incidents.get(listed!.id, ALL))!;
      expect(incident.tactics).to.deep.equal(['reconnaissance', 'initial-access', 'persistence', 'privilege-escalation', 'credential-access', 'command-and-control']);
      expect(incident).to.include({ severity: 'critical', ruleLevel: 'medium' });
      expect(incident.risk!.score).to.be.at.least(80);
      expect(incident.risk!.reasons.map((reason) => reason.code)).to.include('tactics_chain');
      expect(listed!.risk).to.deep.equal(incident.risk);
    });

    it('keeps unrelated stories of one organisation apart', async () => {
      await record(store, clock, [
        alert('a', 0, [event('e1', { host: { name: 'pc-17' }, user: { name: 'mueller' } })]),
        alert('b', 1, [event('e2', { host: { name: 'pc-42' }, user: { name: 'schmidt' } })]),
      ]);
      expect(await incidentsOf(store, refresh)).to.have.length(2);
    });

    it('merges two open incidents when an alert links them, and says why on the timeline', async () => {
      await record(store, clock, [
        alert('a', 0, [event('e1', { host: { name: 'pc-17' }, user: { name: 'mueller' } })]),
        alert('b', 1, [event('e2', { host: { name: 'srv-db' }, source: { ip: '198.51.100.4' } })]),
      ]);
      await record(store, clock, [alert('link', 5, [event('e3', { host: { name: 'srv-db' }, user: { name: 'mueller' } })])]);
      const open = await incidentsOf(store, refresh);
      expect(open).to.have.length(1);
      expect(open[0]!.alertIds).to.have.members(['a', 'b', 'link']);
      expect(open[0]!.alertCount).to.equal(3);
      const merged = (await store.incidents.list({ mergedInto: open[0]!.id }, ALL)).items;
      expect(merged).to.have.length(1);
      expect(merged[0]!.status).to.equal('closed');
      const timeline = await store.audit.list({ objectId: merged[0]!.id });
      expect(timeline.map((entry) => entry.after)).to.deep.include({ status: 'closed', mergedInto: open[0]!.id, alertId: 'link', sharedEntity: 'host.name=srv-db' });
    });

    it('opens a new incident when the story’s incident was closed', async () => {
      await record(store, clock, [alert('a', 0, [event('e1', { host: { name: 'pc-17' } })])]);
      const [first] = await incidentsOf(store, refresh);
      await store.incidents.update(first!.id, first!.version, { status: 'resolved' }, ALL, clock.now().toISOString());
      await record(store, clock, [alert('b', 10, [event('e2', { host: { name: 'pc-17' } })])]);
      const all = await incidentsOf(store, refresh);
      expect(all).to.have.length(2);
      expect(all.find((incident) => incident.id !== first!.id)!.alertIds).to.deep.equal(['b']);
    });

    it('lets an informational alert join a story but not open one', async () => {
      await record(store, clock, [alert('quiet', 0, [event('e1', { host: { name: 'pc-99' } })], { level: 'informational' })]);
      expect(await incidentsOf(store, refresh)).to.have.length(0);
      await record(store, clock, [
        alert('loud', 1, [event('e2', { host: { name: 'pc-17' } })]),
        alert('context', 2, [event('e3', { host: { name: 'pc-17' } })], { level: 'informational' }),
      ]);
      const open = await incidentsOf(store, refresh);
      expect(open).to.have.length(1);
      expect(open[0]!.alertIds).to.have.members(['loud', 'context']);
    });

    it('gathers weak alerts on an entity until their risk opens an incident that holds them all', async () => {
      for (const [index, id] of ['w1', 'w2', 'w3'].entries()) await record(store, clock, [alert(id, index, [event(`e-${id}`, { host: { name: 'pc-50' } })], { level: 'low' })]);
      expect(await incidentsOf(store, refresh)).to.have.length(0);
      await record(store, clock, [alert('w4', 3, [event('e-w4', { host: { name: 'pc-50' } })], { level: 'low' })]);
      const open = await incidentsOf(store, refresh);
      expect(open).to.have.length(1);
      expect(open[0]!.alertIds).to.have.members(['w1', 'w2', 'w3', 'w4']);
    });

    it('pulls the weak alerts that waited on an entity into the story that comes to claim it', async () => {
      await record(store, clock, [alert('recon', 0, [event('e1', { source: { ip: '203.0.113.66' }, destination: { ip: '10.20.0.5' } })], { level: 'low' })]);
      await record(store, clock, [alert('guess', 5, [event('e2', { source: { ip: '203.0.113.66' }, host: { name: 'fs01' } })])]);
      const open = await incidentsOf(store, refresh);
      expect(open).to.have.length(1);
      expect(open[0]!.alertIds).to.have.members(['recon', 'guess']);
    });

    it('is idempotent under replay: the same alerts again change nothing', async () => {
      await record(store, clock, intrusion());
      const before = await incidentsOf(store, refresh);
      await record(store, clock, intrusion());
      await record(store, clock, intrusion().reverse());
      const after = await incidentsOf(store, refresh);
      expect(after.map((incident) => [incident.id, incident.alertCount, incident.version])).to.deep.equal(before.map((incident) => [incident.id, incident.alertCount, incident.version]));
    });

    it('gives the same incidents whatever order the alerts of a batch arrive in', async () => {
      await record(store, clock, intrusion().reverse());
      const open = await incidentsOf(store, refresh);
      expect(open).to.have.length(1);
      expect(open[0]!.alertCount).to.equal(6);
    });

    it('loses and duplicates nothing when two recorders race on one organisation', async () => {
      const alerts = [...intrusion('x-'), ...intrusion('y-', '203.0.113.77')];
      const halves = [alerts.filter((_, index) => index % 2 === 0), alerts.filter((_, index) => index % 2 === 1)];
      await Promise.all([
        (async () => {
          for (const each of halves[0]!) await record(store, clock, [each]);
        })(),
        (async () => {
          for (const each of halves[1]!) await record(other, clock, [each]);
        })(),
      ]);
      const open = await incidentsOf(store, refresh);
      const filed = open.flatMap((incident) => incident.alertIds);
      expect(filed).to.have.members(alerts.map((each) => each.alert.id));
      expect(open.reduce((sum, incident) => sum + incident.alertCount, 0)).to.equal(alerts.length);
      // Both attackers worked on the same file server: one story.
      expect(open).to.have.length(1);
    });

    it('links the organisations hit by one attacker into a campaign that only the CERT sees', async () => {
      const attacker = '203.0.113.99';
      await record(store, clock, [
        alert('m1', 0, [event('e1', { source: { ip: attacker }, host: { name: 'mail' } }, 'moritzburg')], { organizationId: 'moritzburg' }),
        alert('r1', 2, [event('e2', { source: { ip: attacker }, host: { name: 'vpn' } }, 'radebeul')], { organizationId: 'radebeul' }),
        alert('g1', 4, [event('e3', { source: { ip: attacker }, host: { name: 'owa' } }, 'grossenhain')], { organizationId: 'grossenhain' }),
      ]);
      await refresh();
      const queue = (await store.incidents.list({ topLevel: true }, ALL)).items;
      expect(queue).to.have.length(1);
      const campaign = queue[0]!;
      expect(campaign.organizationIds).to.deep.equal([]);
      expect(campaign.childIds).to.have.length(3);
      expect(campaign.alertIds).to.have.members(['m1', 'r1', 'g1']);
      const children = (await store.incidents.list({ campaignId: campaign.id }, ALL)).items;
      expect(children.map((child) => child.organizationIds[0]).sort()).to.deep.equal(['grossenhain', 'moritzburg', 'radebeul']);

      const officer = organisationScope('radebeul');
      const seen = (await store.incidents.list({}, officer)).items;
      expect(seen.map((incident) => incident.id)).to.deep.equal(children.filter((child) => child.organizationIds[0] === 'radebeul').map((child) => child.id));
      expect(await store.incidents.get(campaign.id, officer)).to.equal(undefined);

      // A later alert of a child reaches the campaign too.
      await record(store, clock, [alert('r2', 20, [event('e4', { source: { ip: attacker }, host: { name: 'vpn' } }, 'radebeul')], { organizationId: 'radebeul' })]);
      expect((await store.incidents.get(campaign.id, ALL))!.alertIds).to.include('r2');
    });

    it('splits an alert over several organisations into their own incidents under one campaign', async () => {
      const attacker = '203.0.113.50';
      const spraying = alert(
        'spray',
        0,
        [event('e1', { source: { ip: attacker }, user: { name: 'a.meier' } }, 'moritzburg'), event('e2', { source: { ip: attacker }, user: { name: 'b.kunze' } }, 'radebeul')],
        { organizationId: null, ids: ['moritzburg', 'radebeul'] },
      );
      await record(store, clock, [spraying]);
      await refresh();
      const queue = (await store.incidents.list({ topLevel: true }, ALL)).items;
      expect(queue).to.have.length(1);
      expect(queue[0]!.childIds).to.have.length(2);
      const own = (await store.incidents.list({}, organisationScope('moritzburg'))).items;
      expect(own).to.have.length(1);
      expect(own[0]!.organizationIds).to.deep.equal(['moritzburg']);
      expect(own[0]!.entities).to.not.include('user.name=b.kunze');
    });

    it('finds the incidents that name an entity', async () => {
      await record(store, clock, [alert('a', 0, [event('e1', { host: { name: 'pc-17' } })]), alert('b', 1, [event('e2', { host: { name: 'pc-42' } })])]);
      await refresh();
      const found = (await store.incidents.list({ entity: 'host.name=pc-42' }, ALL)).items;
      expect(found.map((incident) => incident.alertIds)).to.deep.equal([['b']]);
      expect((await store.incidents.list({ entity: 'host.name=pc-42' }, organisationScope('radebeul'))).items).to.have.length(0);
    });

    it('writes a story state only over the version it read', async () => {
      expect(await store.stories.write('organisation:x', { n: 1 }, undefined)).to.equal(true);
      expect(await other.stories.write('organisation:x', { n: 2 }, undefined)).to.equal(false);
      const read = (await other.stories.read('organisation:x'))!;
      expect(read.state).to.deep.equal({ n: 1 });
      expect(await other.stories.write('organisation:x', { n: 3 }, read.version)).to.equal(true);
      expect(await store.stories.write('organisation:x', { n: 4 }, read.version)).to.equal(false);
      expect((await store.stories.read('organisation:x'))!.state).to.deep.equal({ n: 3 });
    });
  });
}
