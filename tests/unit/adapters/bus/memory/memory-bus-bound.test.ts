import { expect } from 'chai';
import { MemoryBus } from '../../../../../adapters/bus/memory/memory-bus.js';
import { messageBytes } from '../../../../../adapters/bus/memory/partition-log.js';
import { LagebildError } from '../../../../../core/errors.js';
import { silentLogger } from '../../../../../core/logging.js';
import type { OutgoingMessage } from '../../../../../core/ports/bus.js';

const TOPIC = 'events';
const BATCHES = 200;
const PER_BATCH = 10;

function batch(index: number): OutgoingMessage[] {
  return Array.from({ length: PER_BATCH }, (_, i) => ({ key: `org-${i % 3}`, value: `${index}:${i}:${'x'.repeat(100)}` }));
}

const batchBytes = batch(0).reduce((sum, message) => sum + messageBytes(message.key, message.value, message.headers), 0);

/** Lets every pending callback run a few times over: a publish that could go on has gone on by then. */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** A consumer that takes nothing until it is let go, then everything. */
class HeldConsumer {
  readonly values: string[] = [];
  private release: (() => void) | undefined;
  private readonly held = new Promise<void>((resolve) => (this.release = resolve));

  readonly handler = async (messages: { value: string }[]): Promise<void> => {
    await this.held;
    this.values.push(...messages.map((message) => message.value));
  };

  letGo(): void {
    this.release?.();
  }
}

describe('adapters > bus > memory > bound in bytes', () => {
  let bus: MemoryBus;
  afterEach(() => bus.close());

  it('holds a fast producer back while a consumer is behind, never above the bound, and loses nothing once it catches up', async () => {
    const maxBytes = 20 * batchBytes;
    bus = new MemoryBus({ partitions: 2, maxBytes, logger: silentLogger() });
    const consumer = new HeldConsumer();
    await bus.subscribe({ topic: TOPIC, group: 'slow', maxBatchSize: 7, handler: consumer.handler });
    let published = 0;
    const producing = (async () => {
      for (let index = 0; index < BATCHES; index++) {
        await bus.publish(TOPIC, batch(index));
        published += 1;
      }
    })();

    await settle();
    // The consumer holds its first claim; everything else published sits in the bus's backlog.
    expect(published).to.be.below(BATCHES);
    expect(bus.backlogBytes(TOPIC)).to.be.at.most(maxBytes);
    expect(bus.backlogBytes(TOPIC) + batchBytes).to.be.above(maxBytes);
    const stalledAt = published;
    await settle();
    expect(published).to.equal(stalledAt);

    consumer.letGo();
    await producing;
    await until(() => consumer.values.length === BATCHES * PER_BATCH);
    expect(bus.peakBacklogBytes(TOPIC)).to.be.at.most(maxBytes);
    // Per key, the order of publishing.
    for (const key of [0, 1, 2]) {
      const ofKey = consumer.values.filter((value) => Number(value.split(':')[1]) % 3 === key);
      const expected = Array.from({ length: BATCHES }, (_, index) => batch(index).filter((_, i) => i % 3 === key).map((message) => message.value)).flat();
      expect(ofKey).to.deep.equal(expected);
    }
    await until(() => bus.backlogBytes(TOPIC) === 0);
  });

  it('lets waiting publishes in the order they were called', async () => {
    bus = new MemoryBus({ partitions: 1, maxBytes: 2 * batchBytes, logger: silentLogger() });
    const consumer = new HeldConsumer();
    await bus.subscribe({ topic: TOPIC, group: 'slow', handler: consumer.handler });
    await bus.publish(TOPIC, batch(0));
    await bus.publish(TOPIC, batch(1));
    const order: number[] = [];
    const waiting = [2, 3, 4].map((index) => bus.publish(TOPIC, batch(index)).then(() => order.push(index)));
    await settle();
    expect(order).to.deep.equal([]);
    consumer.letGo();
    await Promise.all(waiting);
    expect(order).to.deep.equal([2, 3, 4]);
  });

  it('does not count groups without members: a stopped subscription frees waiting publishers', async () => {
    bus = new MemoryBus({ partitions: 1, maxBytes: batchBytes, logger: silentLogger() });
    const consumer = new HeldConsumer();
    const subscription = await bus.subscribe({ topic: TOPIC, group: 'gone', handler: consumer.handler });
    await bus.publish(TOPIC, batch(0));
    let done = false;
    const waiting = bus.publish(TOPIC, batch(1)).then(() => (done = true));
    await settle();
    expect(done).to.equal(false);
    consumer.letGo();
    await subscription.stop();
    await waiting;
    expect(done).to.equal(true);
  });

  it('takes a batch larger than the whole bound once the topic is empty, instead of waiting for ever', async () => {
    bus = new MemoryBus({ partitions: 1, maxBytes: batchBytes / 2, logger: silentLogger() });
    const values: string[] = [];
    await bus.subscribe({ topic: TOPIC, group: 'g', handler: async (messages) => void values.push(...messages.map((message) => message.value)) });
    await bus.publish(TOPIC, batch(0));
    await bus.publish(TOPIC, batch(1));
    await until(() => values.length === 2 * PER_BATCH);
    expect(bus.peakBacklogBytes(TOPIC)).to.equal(batchBytes);
  });

  it('ignores topics nobody consumes: there is nothing to wait for', async () => {
    bus = new MemoryBus({ partitions: 1, maxBytes: batchBytes, logger: silentLogger() });
    for (let index = 0; index < 10; index++) await bus.publish('events.dlq', batch(index));
    expect(bus.backlogBytes('events.dlq')).to.equal(0);
  });

  it('fails publishes still waiting when the bus is closed', async () => {
    bus = new MemoryBus({ partitions: 1, maxBytes: batchBytes, logger: silentLogger() });
    const consumer = new HeldConsumer();
    await bus.subscribe({ topic: TOPIC, group: 'slow', handler: consumer.handler });
    await bus.publish(TOPIC, batch(0));
    const waiting = bus.publish(TOPIC, batch(1)).then(
      () => undefined,
      (error: unknown) => error,
    );
    await settle();
    consumer.letGo();
    const closing = bus.close();
    const error = await waiting;
    await closing;
    expect(error).to.be.instanceOf(LagebildError).and.to.include({ code: 'bus_closed' });
  });
});
