import { expect } from 'chai';
import path from 'node:path';
import { MemoryBus } from '../../../adapters/bus/memory/memory-bus.js';
import { DEMO_ORGANISATIONS } from '../../../cli/demo/demo-constituency.js';
import { createAttributor } from '../../../collectors/attribution/attributor.js';
import { normaliseEvent } from '../../../collectors/normalise-event.js';
import { getParser } from '../../../collectors/parsers/registry.js';
import type { Alert } from '../../../core/domain/alert.js';
import type { EcsEvent } from '../../../core/domain/ecs.js';
import { UnavailableError } from '../../../core/errors.js';
import { silentLogger } from '../../../core/logging.js';
import { MetricsRegistry } from '../../../core/metrics.js';
import { TOPICS, type Bus, type OutgoingMessage, type Subscription } from '../../../core/ports/bus.js';
import { DetectionEngine, type LoadedRuleSet } from '../../../detectors/detection-engine.js';
import { DETECTOR_GROUP, startDetectorConsumer } from '../../../detectors/detector-consumer.js';

const ROOT_LOGIN = 'e76aba5f-bb3b-597e-82d4-fd0c6a09870f';

async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** A root login over SSH from `ip`, parsed and normalised as the collector does. */
function rootLogin(ip: string, second: number): EcsEvent {
  const at = new Date(Date.parse('2025-03-03T10:00:00Z') + second * 1000);
  const outcome = getParser('auto')!.parse(`<38>1 ${at.toISOString()} gw.radebeul.example sshd 4242 - - Accepted password for root from ${ip} port ${second + 1} ssh2`, { receivedAt: at });
  if (!outcome.ok) throw new Error(outcome.reason);
  return normaliseEvent(outcome.event, at, createAttributor(DEMO_ORGANISATIONS));
}

/** The memory bus, but publishing alerts fails (retriably, like a restarting broker) while `down` is set. */
class FlakyAlertsBus implements Bus {
  down = 0;
  constructor(private readonly inner: MemoryBus) {}

  publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (topic === TOPICS.alerts && this.down > 0) {
      this.down -= 1;
      return Promise.reject(new UnavailableError('kafka'));
    }
    return this.inner.publish(topic, messages);
  }

  subscribe: Bus['subscribe'] = (options) => this.inner.subscribe(options);
  ensureTopics: Bus['ensureTopics'] = (topics) => this.inner.ensureTopics(topics);
  lag: Bus['lag'] = (topic, group) => this.inner.lag(topic, group);
  close: Bus['close'] = () => this.inner.close();
}

describe('detectors > detector-consumer', () => {
  let ruleSet: LoadedRuleSet;
  let memory: MemoryBus;

  // The shipped rules (thousands of SigmaHQ rules) are compiled once; each test gets an engine of its own.
  before(async function () {
    this.timeout(120_000);
    ruleSet = await DetectionEngine.loadRuleSet(path.resolve('rules'));
  });

  let bus: FlakyAlertsBus;
  const subscriptions: Subscription[] = [];
  const alerts: Alert[] = [];

  beforeEach(async () => {
    memory = new MemoryBus({ partitions: 1, logger: silentLogger() });
    bus = new FlakyAlertsBus(memory);
    alerts.length = 0;
    subscriptions.push(await memory.subscribe({ topic: TOPICS.alerts, group: 'test', handler: async (batch) => void alerts.push(...batch.map((message) => JSON.parse(message.value) as Alert)) }));
  });

  afterEach(async () => {
    for (const subscription of subscriptions.splice(0)) await subscription.stop();
    await memory.close();
  });

  async function detect(events: EcsEvent[]): Promise<Alert[]> {
    await bus.publish(TOPICS.events, events.map((event) => ({ key: 'radebeul', value: JSON.stringify(event) })));
    await until(async () => (await bus.lag(TOPICS.events, DETECTOR_GROUP)) === 0);
    await until(async () => (await memory.lag(TOPICS.alerts, 'test')) === 0);
    return alerts.filter((alert) => alert.rule.id === ROOT_LOGIN);
  }

  // The engine folds repeats of an alert: run through it again, the redelivered event would only
  // join the open fold, and the alert its first run produced (lost with the failed publish) would never come.
  it('publishes the alert of an event redelivered because publishing its alerts failed, once', async () => {
    const engine = DetectionEngine.fromRuleSet(ruleSet);
    subscriptions.push(await startDetectorConsumer({ bus, engine: () => engine, metrics: new MetricsRegistry() }));
    bus.down = 1;
    const found = await detect([rootLogin('10.51.23.14', 0)]);
    expect(bus.down, 'the failure happened').to.equal(0);
    expect(found.map((alert) => alert.events?.[0]?.source?.ip)).to.deep.equal(['10.51.23.14']);
    expect(found[0]!.alert.count).to.equal(1);
  });

  it('does not run a redelivered event through the engine again, so that nothing is counted twice', async () => {
    const engine = DetectionEngine.fromRuleSet(ruleSet);
    const processed: string[] = [];
    const counting = new Proxy(engine, {
      get: (target, property, receiver) => {
        if (property !== 'process') return Reflect.get(target, property, receiver) as unknown;
        return (event: EcsEvent, ...rest: unknown[]) => {
          processed.push(event.event.id);
          return (target.process as (...args: unknown[]) => Alert[]).call(target, event, ...rest);
        };
      },
    });
    subscriptions.push(await startDetectorConsumer({ bus, engine: () => counting, metrics: new MetricsRegistry() }));
    bus.down = 1;
    const events = [rootLogin('10.51.23.14', 0), rootLogin('10.51.23.15', 1)];
    const found = await detect(events);
    expect(processed).to.deep.equal(events.map((event) => event.event.id));
    expect(found.map((alert) => alert.events?.[0]?.source?.ip).sort()).to.deep.equal(['10.51.23.14', '10.51.23.15']);
  });
});
