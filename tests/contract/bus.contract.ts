import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { LagebildError, ValidationError } from '../../core/errors.js';
import { deadLetterTopic, type Bus, type DeliveredMessage, type OutgoingMessage, type Subscription } from '../../core/ports/bus.js';

export interface BusContractOptions {
  /** Runs in the suite's `before` hook, e.g. to skip when a real service is missing. */
  before?: (context: Mocha.Context) => Promise<void>;
}

const WAIT_MS = 45_000;

/** Polls until `condition` holds; the suite's timeout is the real limit, this only gives a better message. */
async function eventually(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function uniqueTopic(label: string): string {
  return `contract-${label}-${randomUUID().slice(0, 8)}`;
}

function numbered(count: number, keys: number, prefix = 'm'): OutgoingMessage[] {
  return Array.from({ length: count }, (_, i) => ({ key: `org-${i % keys}`, value: `${prefix}-${i}` }));
}

function retriableFailure(): LagebildError {
  return new LagebildError('store_unavailable', 'store is down', { retriable: true });
}

/**
 * The semantics of core/ports/bus.ts, run against every Bus adapter. Every test uses its own topics
 * and groups so that runs against a shared broker cannot see each other's messages.
 */
export function busContract(
  name: string,
  factory: () => Promise<{ bus: Bus; cleanup(): Promise<void> }>,
  options: BusContractOptions = {},
): void {
  describe(`contract > bus > ${name}`, function () {
    this.timeout(60_000);
    let bus: Bus;
    let cleanup: () => Promise<void>;
    let subscriptions: Subscription[];

    if (options.before) {
      const setup = options.before;
      before(async function () {
        await setup(this);
      });
    }

    beforeEach(async () => {
      ({ bus, cleanup } = await factory());
      subscriptions = [];
    });

    afterEach(async () => {
      await Promise.all(subscriptions.map((subscription) => subscription.stop()));
      await cleanup();
    });

    async function collect(topic: string, group: string, extra: { maxBatchSize?: number } = {}): Promise<DeliveredMessage[]> {
      const received: DeliveredMessage[] = [];
      subscriptions.push(await bus.subscribe({ topic, group, ...extra, handler: async (messages) => void received.push(...messages) }));
      return received;
    }

    async function prepare(label: string): Promise<string> {
      const topic = uniqueTopic(label);
      await bus.ensureTopics([topic, deadLetterTopic(topic)]);
      return topic;
    }

    it('delivers a published message with its key, value and headers', async () => {
      const topic = await prepare('roundtrip');
      const received = await collect(topic, 'g');
      await bus.publish(topic, [{ key: 'org-1', value: '{"event":{"id":"e1"}}', headers: { 'content-type': 'application/json' } }]);
      await eventually(() => received.length === 1, 'the message');
      const [message] = received;
      expect(message).to.include({ topic, key: 'org-1', value: '{"event":{"id":"e1"}}', redeliveries: 0 });
      expect(message!.headers).to.deep.equal({ 'content-type': 'application/json' });
      expect(message!.partition).to.be.a('number');
      expect(message!.offset).to.match(/^\d+$/);
    });

    it('keeps the order of messages with the same key', async () => {
      const topic = await prepare('order');
      for (let round = 0; round < 4; round++) {
        await bus.publish(topic, numbered(250, 7).map((message, i) => ({ ...message, value: String(round * 250 + i) })));
      }
      const received = await collect(topic, 'g', { maxBatchSize: 13 });
      await eventually(() => received.length >= 1000, 'all messages');
      const byKey = new Map<string, number[]>();
      for (const message of received) byKey.set(message.key, [...(byKey.get(message.key) ?? []), Number(message.value)]);
      expect(byKey.size).to.equal(7);
      for (const values of byKey.values()) expect(values).to.deep.equal([...values].sort((a, b) => a - b));
      expect(received).to.have.length(1000);
    });

    it('gives every consumer group every message', async () => {
      const topic = await prepare('groups');
      const first = await collect(topic, 'detectors');
      const second = await collect(topic, 'archivers');
      await bus.publish(topic, numbered(50, 5));
      await eventually(() => first.length >= 50 && second.length >= 50, 'both groups');
      expect(first.map((m) => m.value).sort()).to.deep.equal(second.map((m) => m.value).sort());
      expect(new Set(first.map((m) => m.value)).size).to.equal(50);
    });

    it('splits the partitions between the consumers of one group without duplicates', async () => {
      const topic = await prepare('split');
      const one = await collect(topic, 'workers');
      const two = await collect(topic, 'workers');
      await bus.publish(topic, numbered(200, 40));
      await eventually(() => one.length + two.length >= 200, 'all messages');
      const values = [...one, ...two].map((m) => m.value);
      expect(new Set(values).size).to.equal(200);
      expect(values).to.have.length(200);
      expect(one.length).to.be.greaterThan(0);
      expect(two.length).to.be.greaterThan(0);
      const partitionsOfOne = new Set(one.map((m) => m.partition));
      for (const message of two) expect(partitionsOfOne.has(message.partition)).to.equal(false);
    });

    it('commits only after the handler resolved, so a stopped consumer leaves its batch to the group', async () => {
      const topic = await prepare('commit');
      await bus.publish(topic, numbered(3, 1));
      let failInFlight: (error: Error) => void = () => {};
      let seen = 0;
      const first = await bus.subscribe({
        topic,
        group: 'g',
        handler: (messages) => {
          seen += messages.length;
          return new Promise((_, reject) => {
            failInFlight = reject;
          });
        },
      });
      await eventually(() => seen > 0, 'the first delivery');
      const stopping = first.stop();
      failInFlight(retriableFailure());
      await stopping;

      const received = await collect(topic, 'g');
      await eventually(() => received.length >= 3, 'the batch again');
      expect(received.map((m) => m.value)).to.deep.equal(['m-0', 'm-1', 'm-2']);
    });

    it('redelivers a batch whose handler failed with a retriable error', async () => {
      const topic = await prepare('retry');
      const deliveries: DeliveredMessage[] = [];
      subscriptions.push(
        await bus.subscribe({
          topic,
          group: 'g',
          handler: async (messages) => {
            deliveries.push(...messages);
            if (deliveries.length <= 2) throw retriableFailure();
          },
        }),
      );
      await bus.publish(topic, [{ key: 'org-1', value: 'flaky' }]);
      await eventually(() => deliveries.length >= 3, 'two redeliveries');
      expect(deliveries.map((m) => m.value)).to.deep.equal(['flaky', 'flaky', 'flaky']);
      expect(deliveries.map((m) => m.offset)).to.deep.equal(Array(3).fill(deliveries[0]!.offset));
      expect(deliveries.map((m) => m.redeliveries)).to.deep.equal([0, 1, 2]);
    });

    it('sends a batch that failed for good to the dead-letter topic and carries on', async () => {
      const topic = await prepare('poison');
      const handled: string[] = [];
      subscriptions.push(
        await bus.subscribe({
          topic,
          group: 'g',
          maxBatchSize: 1,
          handler: async ([message]) => {
            if (message!.value === 'poison') throw new ValidationError('not an event');
            handled.push(message!.value);
          },
        }),
      );
      const dead = await collect(deadLetterTopic(topic), 'inspectors');
      await bus.publish(topic, [
        { key: 'org-1', value: 'before' },
        { key: 'org-1', value: 'poison', headers: { source: 'syslog' } },
        { key: 'org-1', value: 'after' },
      ]);
      await eventually(() => handled.length >= 2 && dead.length >= 1, 'the dead letter and the next message');
      expect(handled).to.deep.equal(['before', 'after']);
      expect(dead).to.have.length(1);
      expect(dead[0]).to.include({ topic: `${topic}.dlq`, key: 'org-1', value: 'poison' });
      expect(dead[0]!.headers).to.include({ source: 'syslog', 'x-error': 'not an event', 'x-error-code': 'validation_failed', 'x-original-topic': topic });
    });

    it('dead-letters only the poison message of a batch that fails for good, its neighbours are handled', async () => {
      const topic = await prepare('poison-batch');
      const handled = new Set<string>();
      subscriptions.push(
        await bus.subscribe({
          topic,
          group: 'g',
          maxBatchSize: 100,
          handler: async (messages) => {
            if (messages.some((message) => message.value === 'poison')) throw new ValidationError('a store column refused one value');
            for (const message of messages) handled.add(message.value);
          },
        }),
      );
      const dead = await collect(deadLetterTopic(topic), 'inspectors');
      const values = Array.from({ length: 40 }, (_, i) => (i === 23 ? 'poison' : `good-${i}`));
      await bus.publish(topic, values.map((value) => ({ key: 'org-1', value })));
      await eventually(() => handled.size >= 39 && dead.length >= 1, 'every good message and one dead letter');
      expect([...handled].sort()).to.deep.equal(values.filter((value) => value !== 'poison').sort());
      expect(dead.map((message) => message.value)).to.deep.equal(['poison']);
      expect(dead[0]!.headers).to.include({ 'x-error-code': 'validation_failed', 'x-original-topic': topic });
    });

    it('reports as lag what a group has not committed yet', async () => {
      const topic = await prepare('lag');
      await bus.publish(topic, numbered(5, 2));
      await eventually(async () => (await bus.lag(topic, 'late')) === 5, 'a lag of 5 for a group that has not started');
      const received = await collect(topic, 'late');
      await eventually(() => received.length >= 5, 'all messages');
      await eventually(async () => (await bus.lag(topic, 'late')) === 0, 'a lag of 0 after the commits');
      await bus.publish(topic, numbered(2, 2, 'n'));
      await eventually(() => received.length >= 7, 'the new messages');
      await eventually(async () => (await bus.lag(topic, 'late')) === 0, 'a lag of 0 again');
    });

    it('creates topics idempotently', async () => {
      const topic = uniqueTopic('ensure');
      await bus.ensureTopics([topic]);
      await bus.ensureTopics([topic, topic]);
      const received = await collect(topic, 'g');
      await bus.publish(topic, [{ key: 'org-1', value: 'x' }]);
      await eventually(() => received.length === 1, 'the message');
    });
  });
}
