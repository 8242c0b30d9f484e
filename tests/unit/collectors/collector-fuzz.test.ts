import { expect } from 'chai';
import { MemoryBus } from '../../../adapters/bus/memory/memory-bus.js';
import { CollectorPipeline } from '../../../collectors/collector-pipeline.js';
import type { MessageMeta } from '../../../collectors/ingest-sink.js';
import { parsers as registeredParsers } from '../../../collectors/parsers/registry.js';
import { systemClock } from '../../../core/clock.js';
import type { EcsEvent } from '../../../core/domain/ecs.js';
import { silentLogger } from '../../../core/logging.js';
import { MetricsRegistry } from '../../../core/metrics.js';
import { TOPICS, type DeliveredMessage } from '../../../core/ports/bus.js';
import { parserFixtureLines } from '../../support/parser-fixture-lines.js';

const LINES = 110_000;
const SEED = 0x5a4c_2025;

/** mulberry32: a small seeded generator, so that a failing line can be reproduced from the seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fuzzLines(seed: number, count: number): string[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const int = (max: number) => Math.floor(random() * max);
  const corpus = parserFixtureLines();
  // Astral characters, lone surrogates, RTL, combining marks, BOM, control bytes: what broken encoders produce.
  const oddCharacters = ['\u0000', '\r', '\n', '\t', '\u00e4', '\u00df', '\u202e', '\u0301', '\ufeff', '\ufffd', '\ud83d\ude00', '\ud800', '\udfff', '\u2028', '"', '\\', '<', '>', '=', '|', '{', '}', '[', ']', ' '];
  const randomUnicode = (length: number) => Array.from({ length }, () => (random() < 0.5 ? pick(oddCharacters) : String.fromCodePoint(int(0x10ffff) & ~0x800))).join('');

  const mutations: ((line: string) => string)[] = [
    (line) => {
      const bytes = Buffer.from(line, 'utf8');
      for (let flips = 1 + int(4); flips > 0 && bytes.length > 0; flips--) bytes[int(bytes.length)] ^= 1 << int(8);
      return bytes.toString(random() < 0.5 ? 'utf8' : 'latin1');
    },
    (line) => line.slice(0, int(line.length + 1)),
    (line) => line.slice(int(line.length)),
    (line) => {
      const at = int(line.length);
      return line.slice(0, at) + line.slice(at - int(20));
    },
    (line) => line + (random() < 0.5 ? ' ' : '') + line,
    (line) => {
      const at = int(line.length);
      return line.slice(0, at) + randomUnicode(1 + int(12)) + line.slice(at);
    },
    (line) => line.replace(/[0-9]/g, () => String(int(10) === 0 ? 99999999999 : int(10))),
    (line) => line.replace(/ /g, () => (random() < 0.2 ? pick(['\u0000', '\r', '\t', '  ', '']) : ' ')),
    (line) => line + '\u0000'.repeat(1 + int(3)),
    (line) => '\r' + line + '\r',
    (line) => line.replace(/"/g, () => (random() < 0.5 ? '' : '"')),
    (line) => line.slice(0, int(line.length)) + 'x'.repeat(20_000 + int(200_000)),
  ];
  const generators: (() => string)[] = [
    () => randomUnicode(int(200)),
    () => Buffer.from(Array.from({ length: int(300) }, () => int(256))).toString(random() < 0.5 ? 'utf8' : 'latin1'),
    () => pick(corpus),
    () => `<${int(300)}>${int(3)} ${randomUnicode(int(80))}`,
    () => `{${randomUnicode(int(40))}":${pick(['null', '[]', '{}', '"x"', '1e999', '-0', 'true'])}}`,
    () => `CEF:${int(2)}|${randomUnicode(int(30))}|${'|'.repeat(int(8))}${randomUnicode(int(30))}`,
  ];

  return Array.from({ length: count }, () => {
    if (random() < 0.25) return pick(generators)();
    let line = pick(corpus);
    // The long mutation is the last one and kept rare: a few hundred lines of up to 220 kB.
    for (let rounds = 1 + int(3); rounds > 0; rounds--) line = random() < 0.01 ? mutations[mutations.length - 1]!(line) : pick(mutations.slice(0, -1))(line);
    return line;
  });
}

async function readAll(bus: MemoryBus, topic: string, expected: number): Promise<DeliveredMessage[]> {
  const seen: DeliveredMessage[] = [];
  let done: () => void = () => undefined;
  const complete = new Promise<void>((resolve) => (done = resolve));
  if (expected === 0) done();
  const subscription = await bus.subscribe({
    topic,
    group: 'fuzz-check',
    maxBatchSize: 5000,
    handler: async (messages) => {
      seen.push(...messages);
      if (seen.length >= expected) done();
    },
  });
  await complete;
  await subscription.stop();
  return seen;
}

describe('collectors > collector pipeline > fuzz', function () {
  this.timeout(60_000);

  it(`takes ${LINES} random and mutated lines without throwing; each becomes exactly one event or one dead letter`, async () => {
    const bus = new MemoryBus({ partitions: 4, retainPerPartition: 10_000_000, retainBytesPerPartition: Number.POSITIVE_INFINITY, logger: silentLogger() });
    const metrics = new MetricsRegistry();
    const pipeline = new CollectorPipeline({ bus, clock: systemClock, logger: silentLogger(), metrics, organisations: [], highWatermark: 20_000 });
    const lines = fuzzLines(SEED, LINES);
    // Half the lines go to `auto`, the rest to each parser by name (and to one that does not exist).
    const parsers = ['auto', ...registeredParsers.keys(), 'no-such-parser'];
    const transports: MessageMeta['transport'][] = ['udp', 'tcp', 'tls', 'http', 'file'];
    const inputs = new Set(lines);
    const thrown: string[] = [];

    for (let index = 0; index < lines.length; index++) {
      const meta: MessageMeta = { transport: transports[index % transports.length]!, peerAddress: `10.51.${index % 256}.${(index >> 8) % 256}`, parser: index % 2 === 0 ? 'auto' : parsers[(index >> 1) % parsers.length] };
      try {
        pipeline.accept(lines[index]!, meta);
      } catch (error) {
        thrown.push(`line ${index} (seed ${SEED}): ${(error as Error).stack}`);
      }
      if (pipeline.saturated) await new Promise<void>((resolve) => pipeline.onceDrained(resolve));
    }
    await pipeline.close();

    expect(thrown.slice(0, 3)).to.deep.equal([]);
    const events = await readAll(bus, TOPICS.events, await bus.lag(TOPICS.events, 'fuzz-check'));
    const deadLetters = await readAll(bus, TOPICS.eventsDlq, await bus.lag(TOPICS.eventsDlq, 'fuzz-check'));
    expect(events.length + deadLetters.length).to.equal(LINES);
    expect(metrics.counter('lagebild_dead_letters_total', '').render()).to.include('stage="parse"');
    const outcomes = metrics.counter('lagebild_parser_messages_total', '');
    const count = (outcome: string) => [...new Set(parsers)].reduce((sum, parser) => sum + outcomes.get({ parser, outcome }), 0);
    expect(deadLetters.length).to.be.greaterThan(0);
    expect(events.length).to.be.greaterThan(0);

    for (const message of deadLetters) {
      const entry = JSON.parse(message.value) as { reason: string; original: string };
      expect(entry.reason, message.value.slice(0, 200)).to.be.a('string').and.not.equal('');
      expect(inputs.has(entry.original), `dead letter keeps its line whole: ${entry.original.slice(0, 80)}`).to.equal(true);
    }
    for (const message of events) {
      const event = JSON.parse(message.value) as EcsEvent;
      expect(event.event.id, message.value.slice(0, 200)).to.be.a('string');
      expect(event.event.original, message.value.slice(0, 200)).to.be.a('string');
    }
    expect(count('failed')).to.equal(deadLetters.length);
    expect(count('parsed')).to.equal(events.length);
    await bus.close();
  });
});
