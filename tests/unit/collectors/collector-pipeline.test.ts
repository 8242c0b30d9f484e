import { expect } from 'chai';
import { MemoryBus } from '../../../adapters/bus/memory/memory-bus.js';
import { CollectorPipeline } from '../../../collectors/collector-pipeline.js';
import { systemClock } from '../../../core/clock.js';
import { silentLogger } from '../../../core/logging.js';
import { MetricsRegistry } from '../../../core/metrics.js';
import { TOPICS } from '../../../core/ports/bus.js';

const LINE = '<38>1 2025-03-14T12:00:00Z fw1 sshd 42 - - Failed password for invalid user admin from 10.51.3.4 port 4711 ssh2';

describe('collectors > collector pipeline', () => {
  let bus: MemoryBus;
  let metrics: MetricsRegistry;
  let pipeline: CollectorPipeline;

  beforeEach(() => {
    bus = new MemoryBus({ partitions: 2, logger: silentLogger() });
    metrics = new MetricsRegistry();
    pipeline = new CollectorPipeline({ bus, clock: systemClock, logger: silentLogger(), metrics, organisations: [], flushIntervalMs: 5 });
  });

  afterEach(async () => {
    await pipeline.close();
    await bus.close();
  });

  it('still flushes after its timer fired with nothing left to publish', async () => {
    pipeline.accept(LINE, { transport: 'tcp' });
    await pipeline.flush();
    // The flush timer armed by accept() now fires on an empty queue.
    await new Promise((resolve) => setTimeout(resolve, 30));
    pipeline.accept(LINE, { transport: 'tcp' });
    await pipeline.flush();
    expect(await bus.lag(TOPICS.events, 'observer')).to.equal(2);
  });

  it('counts per transport and per parser, and dead-letters a failure whole with its reason', async () => {
    pipeline.accept(LINE, { transport: 'udp' });
    pipeline.accept('not a syslog line at all', { transport: 'tls', parser: 'rfc5424', peerAddress: '10.51.0.9' });
    pipeline.reject('123456789012 <13>', 'invalid octet count "123456789012"', { transport: 'tcp' });
    await pipeline.flush();
    const text = metrics.render();
    expect(text).to.include('lagebild_collector_messages_received_total{transport="udp"} 1');
    expect(text).to.include('lagebild_collector_messages_received_total{transport="tls"} 1');
    expect(text).to.include('lagebild_parser_messages_total{outcome="parsed",parser="auto"} 1');
    expect(text).to.include('lagebild_parser_messages_total{outcome="failed",parser="rfc5424"} 1');
    expect(text).to.include('lagebild_dead_letters_total{stage="parse",transport="tls"} 1');
    expect(text).to.include('lagebild_dead_letters_total{stage="framing",transport="tcp"} 1');

    const letters: { reason: string; stage: string; original: string; peer: string | null }[] = [];
    const subscription = await bus.subscribe({ topic: TOPICS.eventsDlq, group: 'check', handler: async (messages) => void letters.push(...messages.map((message) => JSON.parse(message.value))) });
    while (letters.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    await subscription.stop();
    const parse = letters.find((letter) => letter.stage === 'parse')!;
    expect(parse.original).to.equal('not a syslog line at all');
    expect(parse.peer).to.equal('10.51.0.9');
    expect(parse.reason).to.be.a('string').and.not.equal('');
    expect(letters.find((letter) => letter.stage === 'framing')!.reason).to.equal('invalid octet count "123456789012"');
  });

  it('is backlogged while more than a worker can soon parse waits for it, and calls back once the workers caught up', async () => {
    const withWorker = new CollectorPipeline({ bus, clock: systemClock, logger: silentLogger(), metrics, organisations: [], flushIntervalMs: 5, parsingWorkers: 1 });
    try {
      expect(withWorker.backlogged).to.equal(false);
      // More than a mebibyte of text handed over in one go, before the worker can have taken any of it.
      const count = Math.ceil(2 ** 20 / LINE.length) + 10;
      for (let index = 0; index < count; index++) withWorker.accept(LINE, { transport: 'tcp' });
      expect(withWorker.backlogged).to.equal(true);
      expect(withWorker.saturated).to.equal(false);
      let drained = false;
      withWorker.onceDrained(() => (drained = true));
      expect(drained).to.equal(false);
      await withWorker.flush();
      expect(withWorker.backlogged).to.equal(false);
      expect(drained).to.equal(true);
      expect(metrics.render()).to.include(`lagebild_parser_messages_total{outcome="parsed",parser="auto"} ${count}`);
    } finally {
      await withWorker.close();
    }
  });

  it('is never backlogged when it parses on the event loop', () => {
    for (let index = 0; index < 20_000; index++) pipeline.accept(LINE, { transport: 'tcp' });
    expect(pipeline.backlogged).to.equal(false);
  });
});
