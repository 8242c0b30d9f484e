import { expect } from 'chai';
import { MemoryBus } from '../../../adapters/bus/memory/memory-bus.js';
import { CollectorPipeline } from '../../../collectors/collector-pipeline.js';
import type { MessageMeta } from '../../../collectors/ingest-sink.js';
import { ManualClock } from '../../../core/clock.js';
import type { Organisation } from '../../../core/domain/organisation.js';
import { silentLogger } from '../../../core/logging.js';
import { MetricsRegistry } from '../../../core/metrics.js';
import { TOPICS, type DeliveredMessage } from '../../../core/ports/bus.js';
import { parserFixtureLines } from '../../support/parser-fixture-lines.js';

function organisation(id: string, networks: string[]): Organisation {
  return { id, name: `Org ${id}`, kind: 'municipal', parentId: null, networks, domains: [], contacts: [], reportingRegime: 'section17', critical: false };
}

/** What went on the bus, with the random part of ids taken out: everything else must match exactly. */
function comparable(messages: DeliveredMessage[]): string[] {
  return messages.map((message) => `${message.key} ${message.value.replace(/"id":"[0-9a-f-]{36}"/g, '"id":"<random>"')}`);
}

async function readAll(bus: MemoryBus, topic: string): Promise<DeliveredMessage[]> {
  const expected = await bus.lag(topic, 'check');
  const seen: DeliveredMessage[] = [];
  const subscription = await bus.subscribe({ topic, group: 'check', maxBatchSize: 10_000, handler: async (messages) => void seen.push(...messages) });
  while (seen.length < expected) await new Promise((resolve) => setTimeout(resolve, 5));
  await subscription.stop();
  // Partitions are read in turns; per key the order is what counts.
  return seen.sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
}

interface Run {
  events: string[];
  deadLetters: string[];
  metrics: string;
}

async function run(parsingWorkers: number, feed: (pipeline: CollectorPipeline) => Promise<void>, organisations: Organisation[] = []): Promise<Run> {
  const bus = new MemoryBus({ partitions: 3, retainPerPartition: 1_000_000, retainBytesPerPartition: Number.POSITIVE_INFINITY, logger: silentLogger() });
  const metrics = new MetricsRegistry();
  const pipeline = new CollectorPipeline({ bus, clock: new ManualClock('2026-03-01T08:00:00.000Z'), logger: silentLogger(), metrics, organisations, parsingWorkers, highWatermark: 500 });
  try {
    await feed(pipeline);
  } finally {
    await pipeline.close();
  }
  const result = { events: comparable(await readAll(bus, TOPICS.events)), deadLetters: comparable(await readAll(bus, TOPICS.eventsDlq)), metrics: metrics.render() };
  await bus.close();
  return result;
}

describe('collectors > parsing workers', function () {
  this.timeout(60_000);

  it('publish what the pipeline publishes in its own thread: the same events and dead letters, in the same order per key, counted the same', async () => {
    const lines = parserFixtureLines();
    const broken = ['', 'not syslog at all', '<999>1 broken', `{"deep":${'['.repeat(100)}`, '\u0000\ud800 odd', 'x'.repeat(70_000)];
    // Events cross from the workers as UTF-8: text beyond Latin-1 and beyond the BMP must arrive as it left.
    const wide = ['<38>1 2026-03-01T08:00:00Z fw1 sshd 42 - - Failed password for invalid user müller from 10.51.3.4 port 4711 ssh2', '<14>Mar  1 08:00:00 host app: 日本語のログ 🚀 fertig', '{"message":"Größe ✓ \\ud83d\\ude80","host":{"name":"ü"}}'];
    const parsers = [undefined, 'rfc5424', 'json', 'no-such-parser'];
    const feed = async (pipeline: CollectorPipeline): Promise<void> => {
      for (let round = 0; round < 5; round++) {
        const all = [...lines, ...broken, ...wide];
        for (let index = 0; index < all.length; index++) {
          const meta: MessageMeta = { transport: index % 2 === 0 ? 'tcp' : 'udp', peerAddress: `10.51.0.${index % 7}`, parser: parsers[(index + round) % parsers.length] };
          pipeline.accept(all[index]!, meta);
          if (pipeline.saturated) await new Promise<void>((resolve) => pipeline.onceDrained(resolve));
        }
      }
    };
    const inThread = await run(0, feed);
    const withWorkers = await run(2, feed);
    expect(inThread.events.length).to.be.above(100);
    expect(inThread.deadLetters.length).to.be.above(10);
    expect(withWorkers.events).to.deep.equal(inThread.events);
    expect(withWorkers.deadLetters).to.deep.equal(inThread.deadLetters);
    expect(withWorkers.metrics).to.equal(inThread.metrics);
  });

  it('attribute by the constituency as it is updated', async () => {
    const line = '<38>1 2026-03-01T08:00:00Z fw1 sshd 42 - - Failed password for root from 10.77.1.2 port 4711 ssh2';
    const result = await run(
      1,
      async (pipeline) => {
        pipeline.accept(line, { transport: 'tcp' });
        await pipeline.flush();
        pipeline.updateOrganisations([organisation('org-a', ['10.10.0.0/16']), organisation('org-b', ['10.77.0.0/16'])]);
        pipeline.accept(line, { transport: 'tcp' });
      },
      [organisation('org-a', ['10.10.0.0/16'])],
    );
    expect(result.events.map((entry) => entry.split(' ')[0])).to.deep.equal(['unattributed', 'org-b']);
  });

  it('prepare the batches of a worker that died on the event loop: every message still comes out once, the same as without workers', async () => {
    const lines = [...parserFixtureLines(), 'not syslog at all', '<999>1 broken'];
    const feed = (kill: boolean) => async (pipeline: CollectorPipeline): Promise<void> => {
      lines.forEach((line, index) => pipeline.accept(line, { transport: 'tcp', peerAddress: `10.51.0.${index % 5}` }));
      // Its batches are on their way to it (or in it) when it goes.
      if (kill) await (pipeline as unknown as { pool: { workers: { worker: { terminate(): Promise<number> } }[] } }).pool.workers[0]!.worker.terminate();
    };
    const inThread = await run(0, feed(false));
    const afterDeath = await run(1, feed(true));
    expect(inThread.events.length + inThread.deadLetters.length).to.equal(lines.length);
    expect(afterDeath.events).to.deep.equal(inThread.events);
    expect(afterDeath.deadLetters).to.deep.equal(inThread.deadLetters);
    expect(afterDeath.metrics).to.equal(inThread.metrics);
  });
});
