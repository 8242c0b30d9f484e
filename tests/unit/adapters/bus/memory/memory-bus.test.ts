import { expect } from 'chai';
import { MemoryBus } from '../../../../../adapters/bus/memory/memory-bus.js';
import { LagebildError } from '../../../../../core/errors.js';
import { silentLogger } from '../../../../../core/logging.js';
import type { DeliveredMessage } from '../../../../../core/ports/bus.js';

async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 5));
}

function messages(count: number, prefix = 'm') {
  return Array.from({ length: count }, (_, i) => ({ key: `org-${i % 3}`, value: `${prefix}-${i}` }));
}

describe('adapters > bus > memory > memory-bus', () => {
  let bus: MemoryBus;
  afterEach(() => bus.close());

  it('starts a new group at new messages only when fromBeginning is false', async () => {
    bus = new MemoryBus({ partitions: 2, logger: silentLogger() });
    await bus.publish('events', messages(3, 'old'));
    const received: string[] = [];
    await bus.subscribe({ topic: 'events', group: 'g', fromBeginning: false, handler: async (batch) => void received.push(...batch.map((m) => m.value)) });
    await bus.publish('events', messages(2, 'new'));
    await until(() => received.length >= 2);
    expect(received.sort()).to.deep.equal(['new-0', 'new-1']);
  });

  it('trims what every group committed but keeps the retention window for late groups', async () => {
    bus = new MemoryBus({ partitions: 1, retainPerPartition: 10, logger: silentLogger() });
    let count = 0;
    await bus.subscribe({ topic: 'events', group: 'early', handler: async (batch) => void (count += batch.length) });
    await bus.publish('events', messages(100));
    await until(() => count >= 100);
    await bus.publish('events', messages(1, 'tick'));
    await until(() => count >= 101);
    expect(await bus.lag('events', 'late')).to.equal(10);
    const late: string[] = [];
    await bus.subscribe({ topic: 'events', group: 'late', handler: async (batch) => void late.push(...batch.map((m) => m.value)) });
    await until(() => late.length >= 10);
    expect(late[0]).to.equal('m-91');
    expect(late[9]).to.equal('tick-0');
  });

  it('bounds the retention window by size too: a topic nobody reads keeps only the newest bytes', async () => {
    bus = new MemoryBus({ partitions: 1, retainBytesPerPartition: 51_000, logger: silentLogger() });
    const large = (i: number) => ({ key: 'org', value: `${i}:${'x'.repeat(9_990)}` });
    await bus.publish('events.dlq', Array.from({ length: 100 }, (_, i) => large(i)));
    expect(await bus.lag('events.dlq', 'inspector')).to.equal(5);
    const kept: string[] = [];
    await bus.subscribe({ topic: 'events.dlq', group: 'inspector', handler: async (batch) => void kept.push(...batch.map((m) => m.value.split(':')[0]!)) });
    await until(() => kept.length >= 5);
    expect(kept).to.deep.equal(['95', '96', '97', '98', '99']);
  });

  it('does not trim what a known group has not committed, whatever the retention', async () => {
    bus = new MemoryBus({ partitions: 1, retainPerPartition: 1, logger: silentLogger() });
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const received: string[] = [];
    await bus.subscribe({
      topic: 'events',
      group: 'slow',
      maxBatchSize: 1,
      handler: async (batch) => {
        await gate;
        received.push(...batch.map((m) => m.value));
      },
    });
    await bus.publish('events', messages(20));
    open();
    await until(() => received.length >= 20);
    expect(received).to.deep.equal(messages(20).map((m) => m.value));
  });

  it('lets the batch in flight finish and commits it when stopped', async () => {
    bus = new MemoryBus({ partitions: 1, logger: silentLogger() });
    await bus.publish('events', messages(4));
    let finish: () => void = () => {};
    let started = false;
    const sub = await bus.subscribe({
      topic: 'events',
      group: 'g',
      handler: () => {
        started = true;
        return new Promise<void>((resolve) => (finish = resolve));
      },
    });
    await until(() => started);
    const stopping = sub.stop();
    finish();
    await stopping;
    expect(await bus.lag('events', 'g')).to.equal(0);
  });

  it('stops promptly while waiting to redeliver, leaving the batch uncommitted', async () => {
    bus = new MemoryBus({ partitions: 1, logger: silentLogger() });
    let attempts = 0;
    const sub = await bus.subscribe({
      topic: 'events',
      group: 'g',
      handler: async () => {
        attempts++;
        throw new LagebildError('down', 'down', { retriable: true });
      },
    });
    await bus.publish('events', messages(1));
    await until(() => attempts >= 2);
    await sub.stop();
    expect(await bus.lag('events', 'g')).to.equal(1);
  });

  it('hands out batches of at most maxBatchSize from one partition each', async () => {
    bus = new MemoryBus({ partitions: 3, logger: silentLogger() });
    const batches: DeliveredMessage[][] = [];
    await bus.subscribe({ topic: 'events', group: 'g', maxBatchSize: 4, handler: async (batch) => void batches.push(batch) });
    await bus.publish('events', messages(30));
    await until(() => batches.flat().length >= 30);
    for (const batch of batches) {
      expect(batch.length).to.be.at.most(4);
      expect(new Set(batch.map((m) => m.partition)).size).to.equal(1);
    }
  });

  it('hands a slow handler smaller batches, so that one call stays near the time budget, and loses nothing', async () => {
    bus = new MemoryBus({ partitions: 1, batchBudgetMs: 20, logger: silentLogger() });
    const sizes: number[] = [];
    const seen: string[] = [];
    await bus.subscribe({
      topic: 'events',
      group: 'g',
      handler: async (batch) => {
        sizes.push(batch.length);
        seen.push(...batch.map((m) => m.value));
        // A synchronous store: 2 ms of blocking work per message.
        const until = performance.now() + 2 * batch.length;
        while (performance.now() < until);
      },
    });
    await bus.publish('events', messages(400));
    await until(() => seen.length >= 400);
    expect(seen).to.deep.equal(messages(400).map((m) => m.value));
    // 64 messages took 128 ms: every later batch is sized to about 20 ms of work.
    expect(sizes[0]).to.equal(64);
    expect(Math.max(...sizes.slice(1))).to.be.at.most(16);
  });

  it('bounds a batch in bytes, handing a message larger than the bound alone', async () => {
    bus = new MemoryBus({ partitions: 1, maxBatchBytes: 1_000, logger: silentLogger() });
    const sizes: number[] = [];
    await bus.subscribe({ topic: 'events', group: 'g', handler: async (batch) => void sizes.push(batch.length) });
    await bus.publish('events', [...Array.from({ length: 4 }, () => ({ key: 'k', value: 'x'.repeat(300) })), { key: 'k', value: 'y'.repeat(5_000) }]);
    await until(() => sizes.reduce((a, b) => a + b, 0) >= 5);
    expect(sizes).to.deep.equal([2, 2, 1]);
  });

  it('delivers a large volume to every group', async () => {
    bus = new MemoryBus({ partitions: 4, logger: silentLogger() });
    const counts = [0, 0];
    for (const [index, group] of ['a', 'b'].entries()) {
      await bus.subscribe({ topic: 'events', group, handler: async (batch) => void (counts[index]! += batch.length) });
    }
    for (let i = 0; i < 50; i++) await bus.publish('events', messages(1000));
    await until(() => counts[0]! >= 50_000 && counts[1]! >= 50_000);
    expect(counts).to.deep.equal([50_000, 50_000]);
  });

  it('refuses to publish once closed', async () => {
    bus = new MemoryBus({ partitions: 1, logger: silentLogger() });
    await bus.close();
    let error: unknown;
    await bus.publish('events', messages(1)).catch((caught: unknown) => (error = caught));
    expect(error).to.be.instanceOf(LagebildError).with.property('code', 'bus_closed');
  });
});
