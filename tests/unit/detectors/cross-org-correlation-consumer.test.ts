import { expect } from 'chai';
import path from 'node:path';
import { keyPartition } from '../../../adapters/bus/memory/key-partition.js';
import { MemoryBus } from '../../../adapters/bus/memory/memory-bus.js';
import type { Alert } from '../../../core/domain/alert.js';
import type { EcsEvent } from '../../../core/domain/ecs.js';
import { silentLogger } from '../../../core/logging.js';
import { MetricsRegistry } from '../../../core/metrics.js';
import { TOPICS, type Subscription } from '../../../core/ports/bus.js';
import { CORRELATION_GROUP, startCrossOrgCorrelationConsumer } from '../../../detectors/cross-org-correlation-consumer.js';
import { DetectionEngine, type LoadedRuleSet } from '../../../detectors/detection-engine.js';
import { DETECTOR_GROUP, REKEYED_TOPIC, startDetectorConsumer } from '../../../detectors/detector-consumer.js';

const SPRAYING = 'cc92152d-3552-5996-935f-4a66421e5023';
const PARTITIONS = 2;
const ATTACKER = '198.51.100.200';

async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** Four organisations, two on each partition of `events`: no single detector sees three of them. */
function organisations(): string[] {
  const byPartition: string[][] = [[], []];
  for (let i = 0; byPartition.some((orgs) => orgs.length < 2); i++) {
    const org = `gemeinde-${i}`;
    const orgs = byPartition[keyPartition(org, PARTITIONS)]!;
    if (orgs.length < 2) orgs.push(org);
  }
  return [byPartition[0]![0]!, byPartition[1]![0]!, byPartition[0]![1]!, byPartition[1]![1]!];
}

function failedLogon(org: string, minute: number): EcsEvent {
  return {
    '@timestamp': new Date(Date.parse('2025-03-03T10:00:00Z') + minute * 60_000).toISOString(),
    organization: { id: org },
    event: { id: `${org}-${minute}`, kind: 'event', module: 'windows', dataset: 'windows.security', code: '4625', action: 'logon-failed', outcome: 'failure' },
    winlog: { channel: 'Security', event_id: '4625', event_data: { TargetUserName: 'administrator', LogonType: '3', IpAddress: ATTACKER } },
    host: { name: `dc01.${org}.local` },
    user: { name: 'administrator' },
    source: { ip: ATTACKER },
  } as EcsEvent;
}


describe('detectors > cross-org-correlation-consumer', () => {
  let ruleSet: LoadedRuleSet;
  let bus: MemoryBus;

  // The shipped rules (thousands of SigmaHQ rules) are compiled once; each member gets an engine of its own.
  before(async function () {
    this.timeout(120_000);
    ruleSet = await DetectionEngine.loadRuleSet(path.resolve('rules'));
  });
  const engine = (): DetectionEngine => DetectionEngine.fromRuleSet(ruleSet);

  const subscriptions: Subscription[] = [];
  const alerts: Alert[] = [];

  beforeEach(async () => {
    bus = new MemoryBus({ partitions: PARTITIONS, logger: silentLogger() });
    alerts.length = 0;
    subscriptions.push(await bus.subscribe({ topic: TOPICS.alerts, group: 'test', handler: async (batch) => void alerts.push(...batch.map((message) => JSON.parse(message.value) as Alert)) }));
  });

  afterEach(async () => {
    for (const subscription of subscriptions.splice(0)) await subscription.stop();
    await bus.close();
  });

  /** Two detector instances in one group, each with its own engine, as in the distributed mode. */
  async function run(rekeyCrossOrg: boolean): Promise<Alert[]> {
    const metrics = new MetricsRegistry();
    for (let member = 0; member < 2; member++) {
      const own = engine();
      subscriptions.push(await startDetectorConsumer({ bus, engine: () => own, metrics, rekeyCrossOrg }));
    }
    if (rekeyCrossOrg) {
      const own = engine();
      subscriptions.push(await startCrossOrgCorrelationConsumer({ bus, engine: () => own, metrics }));
    }
    const orgs = organisations();
    const events = orgs.map((org, index) => failedLogon(org, index * 5));
    await bus.publish(TOPICS.events, events.map((event) => ({ key: event.organization!.id!, value: JSON.stringify(event) })));
    await until(async () => (await bus.lag(TOPICS.events, DETECTOR_GROUP)) === 0);
    await until(async () => (await bus.lag(REKEYED_TOPIC, CORRELATION_GROUP)) === 0);
    await until(async () => (await bus.lag(TOPICS.alerts, 'test')) === 0);
    return alerts.filter((alert) => alert.rule.id === SPRAYING);
  }

  it('detects a spraying campaign over four organisations once, though no detector sees three of them', async () => {
    const spraying = await run(true);
    expect(spraying).to.have.length(1);
    const orgs = spraying[0]!.organization.ids ?? [];
    expect(orgs).to.have.length(3);
    expect(new Set(orgs.map((org) => keyPartition(org, PARTITIONS))).size).to.equal(2);
    expect(spraying[0]!.group).to.deep.equal({ 'source.ip': ATTACKER });
    expect(spraying[0]!.events![0]!.source?.ip).to.equal(ATTACKER);
  });

  it('misses the campaign when each detector evaluates cross-organisation correlations alone', async () => {
    expect(await run(false)).to.deep.equal([]);
  });

  it('dead-letters a re-keyed message that is not a correlation input and goes on', async () => {
    const own = engine();
    subscriptions.push(await startCrossOrgCorrelationConsumer({ bus, engine: () => own, metrics: new MetricsRegistry() }));
    const dead: string[] = [];
    subscriptions.push(await bus.subscribe({ topic: `${REKEYED_TOPIC}.dlq`, group: 'test', handler: async (batch) => void dead.push(...batch.map((message) => message.value)) }));
    await bus.publish(REKEYED_TOPIC, [{ key: ATTACKER, value: '{"correlationId": 1}' }, { key: ATTACKER, value: 'not json' }]);
    await until(() => dead.length >= 2);
    expect(dead).to.have.members(['{"correlationId": 1}', 'not json']);
  });
});
