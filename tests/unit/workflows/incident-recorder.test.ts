import { expect } from 'chai';
import { createMemoryBus } from '../../../adapters/bus/memory/memory-bus.js';
import { SqliteStore } from '../../../adapters/store/sqlite/sqlite-store.js';
import { systemClock } from '../../../core/clock.js';
import type { Alert } from '../../../core/domain/alert.js';
import { ALL } from '../../../core/domain/scope.js';
import { silentLogger } from '../../../core/logging.js';
import { MetricsRegistry } from '../../../core/metrics.js';
import { TOPICS } from '../../../core/ports/bus.js';
import { incidentUpdateFor } from '../../../detectors/incidents/incident-update.js';
import { recordAlertBatch, startIncidentRecorder } from '../../../workflows/incident-recorder.js';
import { createSuppressionFilter } from '../../../workflows/suppressions/suppression-filter.js';
import { alert as storyAlert, event } from '../../support/story-alerts.js';

const alert = (id: string, at: string, sourceIp: string): Alert => ({
  '@timestamp': at,
  alert: { id, count: 1 },
  rule: { id: 'rule-1', title: 'Direct SSH login as root', level: 'medium', type: 'sigma' },
  event_ids: [`event-${id}`],
  group: { 'source.ip': sourceIp },
  organization: { id: 'radebeul' },
  tags: [],
});

async function until<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('timed out');
}

describe('workflows > incident recorder', () => {
  it('folds each alert once into its incident, and into the merge target once its incident was merged', async () => {
    const bus = createMemoryBus({ partitions: 2, logger: silentLogger() });
    const store = new SqliteStore({ path: ':memory:', logger: silentLogger() });
    const recorder = await startIncidentRecorder({ bus, store, clock: systemClock, metrics: new MetricsRegistry(), incidentUpdateFor });
    const publish = (value: Alert) => bus.publish(TOPICS.alerts, [{ key: 'radebeul', value: JSON.stringify(value) }]);
    const sourceId = incidentUpdateFor(alert('a1', '2026-11-20T08:00:00.000Z', '203.0.113.7'), 'radebeul', new Date()).incidentId;
    const targetId = incidentUpdateFor(alert('b1', '2026-11-20T08:00:00.000Z', '203.0.113.8'), 'radebeul', new Date()).incidentId;

    await publish(alert('a1', '2026-11-20T08:00:00.000Z', '203.0.113.7'));
    await publish(alert('a1', '2026-11-20T08:00:00.000Z', '203.0.113.7'));
    await publish(alert('b1', '2026-11-20T08:00:00.000Z', '203.0.113.8'));
    const source = await until(async () => store.incidents.get(sourceId, ALL));
    await until(async () => store.incidents.get(targetId, ALL));
    expect(source.alertCount).to.equal(1);

    await store.incidents.update(sourceId, source.version, { status: 'closed', mergedInto: targetId }, ALL, new Date().toISOString());
    await publish(alert('a2', '2026-11-20T09:00:00.000Z', '203.0.113.7'));
    const target = await until(async () => {
      const incident = await store.incidents.get(targetId, ALL);
      return incident && incident.alertCount === 2 ? incident : undefined;
    });
    expect(target.alertIds).to.include('a2');
    expect((await store.incidents.get(sourceId, ALL))!.alertCount).to.equal(1);

    await recorder.stop();
    await bus.close();
    await store.close();
  });
});

describe('workflows > incident recorder > informational alerts', () => {
  it('stores an informational alert without opening an incident for it', async () => {
    const bus = createMemoryBus({ partitions: 1, logger: silentLogger() });
    const store = new SqliteStore({ path: ':memory:', logger: silentLogger() });
    const recorder = await startIncidentRecorder({ bus, store, clock: systemClock, metrics: new MetricsRegistry(), incidentUpdateFor });
    const informational: Alert = { ...alert('i1', '2026-11-20T08:00:00.000Z', '203.0.113.9'), rule: { id: 'rule-2', title: 'SSH login succeeded', level: 'informational', type: 'sigma' } };
    await bus.publish(TOPICS.alerts, [{ key: 'radebeul', value: JSON.stringify(informational) }, { key: 'radebeul', value: JSON.stringify(alert('m1', '2026-11-20T08:00:01.000Z', '203.0.113.9')) }]);
    await until(async () => (await store.incidents.list({}, ALL)).total > 0 || undefined);
    expect(await store.alerts.get('i1', ALL)).to.not.equal(undefined);
    const incidents = await store.incidents.list({}, ALL);
    expect(incidents.items.map((incident) => incident.ruleId)).to.deep.equal(['rule-1']);
    await recorder.stop();
    await bus.close();
    await store.close();
  });
});

describe('workflows > incident recorder > suppressions', () => {
  it('stores a suppressed alert but files it into no incident, and files the others', async () => {
    const bus = createMemoryBus({ partitions: 1, logger: silentLogger() });
    const store = new SqliteStore({ path: ':memory:', logger: silentLogger() });
    await store.suppressions.create({
      id: 'sup-1',
      organizationId: 'radebeul',
      conditions: [{ field: 'source.ip', value: '203.0.113.50' }],
      reason: 'Schwachstellenscanner des Dienstleisters',
      expiresAt: '2099-01-01T00:00:00.000Z',
      author: 'analyst',
      createdAt: new Date().toISOString(),
    });
    const metrics = new MetricsRegistry();
    const recorder = await startIncidentRecorder({ bus, store, clock: systemClock, metrics, incidentUpdateFor, suppressions: createSuppressionFilter({ store, clock: systemClock }) });
    await bus.publish(TOPICS.alerts, [
      { key: 'radebeul', value: JSON.stringify(alert('s1', '2026-11-20T08:00:00.000Z', '203.0.113.50')) },
      { key: 'radebeul', value: JSON.stringify(alert('k1', '2026-11-20T08:00:01.000Z', '203.0.113.51')) },
    ]);
    const incidents = await until(async () => {
      const page = await store.incidents.list({}, ALL);
      return page.total > 0 ? page.items : undefined;
    });
    expect(incidents.flatMap((incident) => incident.alertIds)).to.deep.equal(['k1']);
    expect(await store.alerts.get('s1', ALL)).to.not.equal(undefined);
    await recorder.stop();
    await bus.close();
    await store.close();
  });
});

describe('workflows > incident recorder > campaign children merged into another story', () => {
  it('hands the campaign on to the incident a campaign child merged into, so the CERT lists the campaign alone', async () => {
    const store = new SqliteStore({ path: ':memory:', logger: silentLogger() });
    const record = (alerts: Alert[]) => recordAlertBatch({ store, clock: systemClock, incidentUpdateFor, critical: async () => new Set<string>() }, alerts);
    await record([storyAlert('older', 0, [event('e1', { host: { name: 'pc-17' }, user: { name: 'mueller' } })])]);
    await record([
      storyAlert('phishing-a', 5, [event('e2', { host: { name: 'pc-99' }, destination: { ip: '203.0.113.45' } })]),
      storyAlert('phishing-b', 6, [event('e3', { host: { name: 'pc-12' }, destination: { ip: '203.0.113.45' } }, 'radebeul')], { organizationId: 'radebeul' }),
    ]);
    const [campaign] = (await store.incidents.list({ topLevel: true }, ALL)).items.filter((incident) => incident.childIds !== undefined);
    expect(campaign, 'the shared phishing server makes a campaign').to.not.equal(undefined);

    await record([storyAlert('link', 10, [event('e4', { host: { name: 'pc-99' }, user: { name: 'mueller' } })])]);
    const open = (await store.incidents.list({ topLevel: true }, ALL)).items.filter((incident) => !incident.mergedInto);
    expect(open.map((incident) => incident.id)).to.deep.equal([campaign!.id]);
    const story = (await store.incidents.list({ organizationId: 'moritzburg' }, ALL)).items.find((incident) => !incident.mergedInto)!;
    expect(story.alertIds).to.have.members(['older', 'phishing-a', 'link']);
    expect(story.campaignId).to.equal(campaign!.id);
    await store.close();
  });
});
