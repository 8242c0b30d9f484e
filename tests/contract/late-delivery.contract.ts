import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Alert } from '../../core/domain/alert.js';
import type { EcsEvent } from '../../core/domain/ecs.js';
import { MetricsRegistry } from '../../core/metrics.js';
import { deadLetterTopic, TOPICS, type Bus, type Subscription } from '../../core/ports/bus.js';
import { startCrossOrgCorrelationConsumer } from '../../detectors/cross-org-correlation-consumer.js';
import { DetectionEngine } from '../../detectors/detection-engine.js';
import { REKEYED_TOPIC, startDetectorConsumer } from '../../detectors/detector-consumer.js';
import { eventually } from '../support/eventually.js';
import { NamespacedBus } from '../support/namespaced-bus.js';

const FIXTURES = path.resolve('tests/fixtures/detection/late-delivery');
const FAILED = JSON.parse(readFileSync(path.join(FIXTURES, 'winlogbeat-4625.json'), 'utf8')) as EcsEvent;
const LOGGED_IN = JSON.parse(readFileSync(path.join(FIXTURES, 'winlogbeat-4624.json'), 'utf8')) as EcsEvent;
const SQUID = JSON.parse(readFileSync(path.join(FIXTURES, 'squid-access.json'), 'utf8')) as EcsEvent;
const RULE = {
  failed: '0c6c7a8e-52b1-4b53-9d4a-3f1f5b2c9a01',
  guessing: '0c6c7a8e-52b1-4b53-9d4a-3f1f5b2c9a11',
  spraying: '0c6c7a8e-52b1-4b53-9d4a-3f1f5b2c9a12',
  logonAfterGuessing: '0c6c7a8e-52b1-4b53-9d4a-3f1f5b2c9a13',
  acrossOrganisations: '0c6c7a8e-52b1-4b53-9d4a-3f1f5b2c9a14',
  downloadVolume: '0c6c7a8e-52b1-4b53-9d4a-3f1f5b2c9a21',
  tinyReplies: '0c6c7a8e-52b1-4b53-9d4a-3f1f5b2c9a22',
  failedAndSuccessful: '0c6c7a8e-52b1-4b53-9d4a-3f1f5b2c9a23',
  rareAccount: '0c6c7a8e-52b1-4b53-9d4a-3f1f5b2c9a24',
};
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.parse('2025-03-10T08:00:00Z');

interface Logon {
  /** Minutes after T0, in the source's own clock. */
  minute: number;
  organisation: string;
  host: string;
  address: string;
  account?: string;
  success?: boolean;
}

const isLogon = (item: Logon | EcsEvent): item is Logon => 'minute' in item;

let sequence = 0;

/** A Winlogbeat logon document of the fixture with this test's time, source, address and account. */
function winlogbeat(logon: Logon): EcsEvent {
  const event = structuredClone(logon.success ? LOGGED_IN : FAILED);
  const winlog = event.winlog as { computer_name: string; event_data: Record<string, string> };
  const account = logon.account ?? 'administrator';
  event['@timestamp'] = new Date(T0 + logon.minute * MINUTE).toISOString();
  event.event.id = `late-${++sequence}-${randomBytes(4).toString('hex')}`;
  event.organization = { id: logon.organisation };
  event.host = { name: logon.host };
  winlog.computer_name = logon.host;
  event.source = { ...event.source, ip: logon.address };
  winlog.event_data.IpAddress = logon.address;
  event.user = { ...event.user, name: account };
  winlog.event_data.TargetUserName = account;
  return event;
}

interface ProxyRequest {
  minute: number;
  organisation: string;
  client: string;
  bytes: number;
}

/** A squid access event of the fixture with this test's time, organisation, client and reply size. */
function squid(request: ProxyRequest): EcsEvent {
  const event = structuredClone(SQUID);
  event['@timestamp'] = new Date(T0 + request.minute * MINUTE).toISOString();
  event.event.id = `late-${++sequence}-${randomBytes(4).toString('hex')}`;
  event.organization = { id: request.organisation };
  event.source = { ip: request.client };
  (event.http as { response: { bytes: number } }).response.bytes = request.bytes;
  return event;
}

/**
 * The detection stages of the service (detector consumer with re-keying, cross-organisation stage)
 * over a bus, with the shipped engine options except the wall clock, which the test moves: arrival
 * time is what it says.
 */
export function lateDeliveryContract(name: string, makeBus: () => Promise<{ bus: Bus; cleanup: () => Promise<void> }>, hooks: { before?: (context: Mocha.Context) => Promise<void> } = {}): void {
  describe(`contract > detection on late and out-of-order delivery (${name} bus)`, function () {
    this.timeout(90_000);
    let bus: Bus;
    let cleanup: () => Promise<void>;
    let engine: DetectionEngine;
    const metrics = new MetricsRegistry();
    const subscriptions: Subscription[] = [];
    const alerts: Alert[] = [];
    let wall = Date.parse('2026-12-02T12:00:00Z');

    before(async function () {
      await hooks.before?.(this);
      const made = await makeBus();
      bus = new NamespacedBus(made.bus, `late-${randomBytes(4).toString('hex')}`);
      cleanup = made.cleanup;
      await bus.ensureTopics([TOPICS.events, TOPICS.alerts, TOPICS.eventsDlq, REKEYED_TOPIC, deadLetterTopic(REKEYED_TOPIC)]);
      const loaded = await DetectionEngine.load(path.join(FIXTURES, 'rules'), { correlation: { clock: () => wall } });
      expect(loaded.problems.filter((problem) => problem.severity === 'error')).to.deep.equal([]);
      engine = loaded.engine;
      subscriptions.push(await bus.subscribe({ topic: TOPICS.alerts, group: 'late-delivery-test', handler: async (batch) => void alerts.push(...batch.map((message) => JSON.parse(message.value) as Alert)) }));
      subscriptions.push(await startDetectorConsumer({ bus, engine: () => engine, metrics, rekeyCrossOrg: true, tickMs: 50 }));
      subscriptions.push(await startCrossOrgCorrelationConsumer({ bus, engine: () => engine, metrics }));
    });

    after(async () => {
      for (const subscription of subscriptions.splice(0)) await subscription.stop();
      await cleanup?.();
    });

    let delivered = 0;
    const processed = (): number => metrics.counter('lagebild_detector_events_total', '').get();

    /** Publishes the logons (or other events) in the order given, as the collector would: keyed by organisation. */
    async function deliver(logons: (Logon | EcsEvent)[]): Promise<EcsEvent[]> {
      const events = logons.map((logon) => (isLogon(logon) ? winlogbeat(logon) : logon));
      for (const event of events) await bus.publish(TOPICS.events, [{ key: event.organization!.id!, value: JSON.stringify(event) }]);
      delivered += events.length;
      return events;
    }

    /** Waits until the detectors have taken every delivered event: what arrives later arrives later. */
    async function taken(): Promise<void> {
      await eventually(async () => (processed() >= delivered ? true : undefined), 60_000, `${delivered} events through the detectors`);
    }

    /**
     * Waits until the detectors have taken every delivered event, lets a minute of wall-clock time
     * pass (repeats held back by the alert folder go out on the next tick), and returns the alerts
     * about `address` once `complete` holds for them.
     */
    async function alertsAbout(address: string, complete: (found: Alert[]) => boolean): Promise<Alert[]> {
      await taken();
      wall += 61_000;
      return eventually(
        async () => {
          const found = alerts.filter((alert) => JSON.stringify(alert).includes(address));
          return complete(found) ? found : undefined;
        },
        60_000,
        `the alerts about ${address}`,
      );
    }

    const firedAll = (...ids: string[]) => (found: Alert[]) => ids.every((id) => found.some((alert) => alert.rule.id === id));
    const eventIdsOf = (found: Alert[], ruleId: string): Set<string> => new Set(found.filter((alert) => alert.rule.id === ruleId).flatMap((alert) => alert.event_ids));

    const ruleIds = (found: Alert[]): string[] => [...new Set(found.map((alert) => alert.rule.id))].sort();

    it('counts a burst delivered in reverse order and groups it by the Windows field IpAddress', async () => {
      const address = '198.51.100.11';
      const logons = [4, 3, 2, 1, 0].map((minute): Logon => ({ minute, organisation: 'gemeinde-reverse', host: 'dc01.reverse.example', address }));
      await deliver(logons);
      const found = await alertsAbout(address, firedAll(RULE.guessing));
      const guessing = found.find((alert) => alert.rule.id === RULE.guessing)!;
      expect(guessing.group).to.deep.equal({ IpAddress: address, 'organization.id': 'gemeinde-reverse' });
    });

    it('correlates a batch a forwarder held back for 40 minutes with what arrived before it', async () => {
      const address = '198.51.100.12';
      const source = { organisation: 'gemeinde-wef', host: 'dc01.wef.example', address };
      // The forwarder's link is down: two failures arrive on time, the rest comes 40 minutes later
      // after newer events of the same domain controller.
      await deliver([0, 1].map((minute) => ({ minute, ...source })));
      await taken();
      wall += 40 * MINUTE;
      await deliver([{ minute: 40, ...source, address: '192.0.2.200' }]);
      const batch = await deliver([2, 3, 4].map((minute) => ({ minute, ...source })));
      const found = await alertsAbout(address, firedAll(RULE.guessing));
      expect([...eventIdsOf(found, RULE.guessing)]).to.include.members(batch.map((event) => event.event.id));
    });

    it('leaves a batch held back beyond the lateness out of correlations, alerts on each event and counts it as late', async () => {
      const address = '198.51.100.13';
      const source = { organisation: 'gemeinde-offline', host: 'dc01.offline.example' };
      await deliver([{ minute: 0, ...source, address: '192.0.2.201' }]);
      await taken();
      const lateBefore = metrics.counter('lagebild_detector_late_events_total', '').get();
      wall += 3 * HOUR;
      const late = await deliver([0, 1, 2, 3, 4, 5].map((minute) => ({ minute, ...source, address })));
      const found = await alertsAbout(address, (found) => eventIdsOf(found, RULE.failed).size === late.length);
      // A correlation alert would have been published with the single-event alerts of its batch.
      expect(ruleIds(found)).to.deep.equal([RULE.failed]);
      expect(metrics.counter('lagebild_detector_late_events_total', '').get() - lateBefore).to.equal(6);
    });

    it('lets a source with a clock three hours ahead close no other organisation’s window', async () => {
      const address = '198.51.100.14';
      const ahead = { organisation: 'gemeinde-ahead', host: 'pc.ahead.example', address: '192.0.2.202' };
      const victim = { organisation: 'gemeinde-victim', host: 'dc01.victim.example', address };
      const logons: Logon[] = [];
      for (let minute = 0; minute < 5; minute++) logons.push({ minute: minute + 180, ...ahead }, { minute, ...victim });
      await deliver(logons);
      const found = await alertsAbout(address, firedAll(RULE.guessing));
      expect(found.filter((alert) => alert.rule.id === RULE.guessing)).to.have.length(1);
    });

    it('counts distinct TargetUserName values and finds a logon after guessing, both in Windows field names', async () => {
      const address = '198.51.100.15';
      const source = { organisation: 'gemeinde-spray', host: 'dc01.spray.example', address };
      const accounts = ['administrator', 'buergermeister', 'kaemmerei', 'standesamt', 'it-admin'];
      const logons: Logon[] = accounts.map((account, index) => ({ minute: 10 - index, ...source, account }));
      logons.push({ minute: 12, ...source, account: 'it-admin', success: true });
      const expected = [RULE.guessing, RULE.spraying, RULE.logonAfterGuessing];
      await deliver(logons);
      const found = await alertsAbout(address, firedAll(...expected));
      expect(found.find((alert) => alert.rule.id === RULE.spraying)!.group).to.deep.equal({ IpAddress: address, 'organization.id': 'gemeinde-spray' });
    });

    it('meets the inputs of one address from three organisations in the cross-organisation stage, out of order', async () => {
      const address = '198.51.100.16';
      const logons: Logon[] = ['gemeinde-x', 'gemeinde-y', 'gemeinde-z'].map((organisation, index) => ({ minute: 20 - index * 7, organisation, host: `dc01.${organisation}.example`, address }));
      await deliver(logons);
      const found = await alertsAbout(address, firedAll(RULE.acrossOrganisations));
      const campaign = found.find((alert) => alert.rule.id === RULE.acrossOrganisations)!;
      expect(campaign.organization).to.deep.equal({ id: null, ids: ['gemeinde-x', 'gemeinde-y', 'gemeinde-z'] });
    });

    it('sums and averages squid reply sizes as Sigma proxy rules name them (value_sum, value_avg), out of order', async () => {
      const organisation = 'gemeinde-proxy';
      const downloads = [25, 3, 17, 9, 30, 1, 12, 21, 6, 27].map((minute) => squid({ minute, organisation, client: '10.20.30.77', bytes: 120_000 }));
      const beacons = [4, 2, 8, 0, 6].map((minute) => squid({ minute, organisation, client: '10.20.30.78', bytes: 150 }));
      // The beaconing client's own time passes its window and the lateness: its window is decided.
      beacons.push(squid({ minute: 80, organisation, client: '10.20.30.78', bytes: 150 }));
      await deliver([...downloads, ...beacons]);
      const volume = await alertsAbout('10.20.30.77', firedAll(RULE.downloadVolume));
      expect(volume.find((alert) => alert.rule.id === RULE.downloadVolume)!.group).to.deep.equal({ 'c-ip': '10.20.30.77', 'organization.id': organisation });
      const tiny = await alertsAbout('10.20.30.78', firedAll(RULE.tinyReplies));
      expect(tiny.filter((alert) => alert.rule.id === RULE.tinyReplies)).to.have.length(1);
    });

    it('finds a failed and a successful logon of one account on one computer in either order (temporal by TargetUserName and Computer)', async () => {
      const source = { organisation: 'gemeinde-temporal', host: 'pc17.temporal.example', address: '10.1.2.3', account: 'kasse' };
      await deliver([{ minute: 3, ...source, success: true }, { minute: 1, ...source }]);
      const found = await alertsAbout('pc17.temporal.example', firedAll(RULE.failedAndSuccessful));
      expect(found.find((alert) => alert.rule.id === RULE.failedAndSuccessful)!.group).to.deep.equal({ TargetUserName: 'kasse', Computer: 'pc17.temporal.example' });
    });

    // Last: it lets a day of wall-clock time pass.
    it('names the account that makes up at most 5 % of a computer’s logons once its day is over (value_percentile)', async () => {
      const source = { organisation: 'gemeinde-rare', host: 'fs01.rare.example', address: '10.9.8.7', success: true };
      const logons: Logon[] = Array.from({ length: 40 }, (_, index): Logon => ({ minute: index * 20, ...source, account: 'svc-backup' }));
      logons.splice(17, 0, { minute: 333, ...source, account: 'mallory' });
      await deliver(logons);
      await taken();
      wall += 26 * HOUR;
      const found = await alertsAbout('fs01.rare.example', firedAll(RULE.rareAccount));
      const rare = found.filter((alert) => alert.rule.id === RULE.rareAccount);
      expect(rare.map((alert) => alert.group)).to.deep.equal([{ Computer: 'fs01.rare.example', 'organization.id': 'gemeinde-rare', TargetUserName: 'mallory' }]);
    });
  });
}
