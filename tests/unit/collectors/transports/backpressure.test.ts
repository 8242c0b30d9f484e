import dgram from 'node:dgram';
import net from 'node:net';
import { expect } from 'chai';
import { CollectorPipeline } from '../../../../collectors/collector-pipeline.js';
import { ConnectionLimiter } from '../../../../collectors/transports/connection-limiter.js';
import { TcpTransport } from '../../../../collectors/transports/tcp-transport.js';
import { transportMetrics } from '../../../../collectors/transports/transport-metrics.js';
import { UdpTransport } from '../../../../collectors/transports/udp-transport.js';
import { systemClock } from '../../../../core/clock.js';
import { silentLogger } from '../../../../core/logging.js';
import { MetricsRegistry } from '../../../../core/metrics.js';
import { TOPICS } from '../../../../core/ports/bus.js';
import { MemoryBus } from '../../../../adapters/bus/memory/memory-bus.js';
import { GatedBus } from './gated-bus.js';
import { RecordingSink } from './recording-sink.js';

const HIGH_WATERMARK = 1000;
const MAX_BATCH = 100;
/** libuv reads a TCP socket into 64 KiB buffers: the most one `data` event can add after the check. */
const READ_CHUNK_BYTES = 64 * 1024;

function sshLine(index: number): string {
  return `<38>1 2024-05-01T10:00:00Z host${index % 7} sshd ${1000 + (index % 5000)} - - Failed password for invalid user u${index} from 10.51.3.4 port ${1024 + (index % 60000)} ssh2`;
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One sender that writes `total` lines as fast as its socket takes them, then ends: more than the kernel's buffers on both ends hold. */
async function sendLines(port: number, total: number, cleanups: (() => Promise<void> | void)[]): Promise<net.Socket> {
  const sender = net.connect({ host: '127.0.0.1', port });
  cleanups.push(() => void sender.destroy());
  await new Promise((resolve) => sender.once('connect', resolve));
  for (let index = 0; index < total; index++) sender.write(`${sshLine(index)}\n`);
  sender.end();
  return sender;
}

describe('collectors > transports > backpressure', function () {
  this.timeout(60_000);
  let bus: GatedBus;
  let metrics: MetricsRegistry;
  let pipeline: CollectorPipeline;
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeEach(() => {
    bus = new GatedBus();
    metrics = new MetricsRegistry();
    pipeline = new CollectorPipeline({ bus, clock: systemClock, logger: silentLogger(), metrics, organisations: [], maxBatch: MAX_BATCH, flushIntervalMs: 5, highWatermark: HIGH_WATERMARK });
  });

  afterEach(async () => {
    bus.open();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await pipeline.close();
    await bus.close();
  });

  const received = (transport: string) => metrics.counter('lagebild_collector_messages_received_total', '').get({ transport });

  it('pauses TCP senders while the bus blocks, holds at most the watermark plus one read, and loses nothing once it moves', async () => {
    const counted = transportMetrics(metrics);
    const connections = new ConnectionLimiter({ maxConnections: 10, maxConnectionsPerPeer: 10 }, counted, silentLogger());
    const tcp = new TcpTransport(pipeline, { host: '127.0.0.1', port: 0, maxMessageBytes: 64 * 1024, logger: silentLogger(), metrics: counted, connections, idleTimeoutMs: 60_000 });
    const port = await tcp.listen();
    cleanups.push(() => tcp.close());
    bus.closeGate();

    const total = 100_000;
    const lines = Array.from({ length: total }, (_, index) => sshLine(index));
    const shortest = Math.min(...lines.map((line) => Buffer.byteLength(line) + 1));
    const senders = [0, 1].map(() => net.connect({ host: '127.0.0.1', port }));
    cleanups.push(() => senders.forEach((socket) => socket.destroy()));
    await Promise.all(senders.map((socket) => new Promise((resolve) => socket.once('connect', resolve))));
    lines.forEach((line, index) => senders[index % 2]!.write(`${line}\n`));
    senders.forEach((socket) => socket.end());

    await until(() => pipeline.saturated, 'the pipeline to saturate');
    await sleep(300);
    const heldAtPause = received('tcp');
    await sleep(300);
    // Nothing more is read while the bus is stuck: the sockets are paused, the senders' writes back up.
    expect(received('tcp')).to.equal(heldAtPause);
    expect(heldAtPause).to.be.at.least(HIGH_WATERMARK);
    expect(heldAtPause).to.be.at.most(HIGH_WATERMARK + Math.ceil(READ_CHUNK_BYTES / shortest));
    expect(senders.some((socket) => socket.writableLength > 0)).to.equal(true);
    expect(await bus.published(TOPICS.events)).to.equal(0);

    bus.open();
    await until(async () => (await bus.published(TOPICS.events)) === total, `all ${total} events on the bus`, 40_000);
    await pipeline.flush();
    expect(await bus.published(TOPICS.events)).to.equal(total);
    expect(await bus.published(TOPICS.eventsDlq)).to.equal(0);
    expect(received('tcp')).to.equal(total);
    expect(pipeline.saturated).to.equal(false);
  });

  it('pauses TCP senders while the parsing workers are backlogged, and reads on once they caught up', async () => {
    const sink = new RecordingSink();
    let drained: (() => void) | undefined;
    sink.onceDrained = (callback) => (drained = callback);
    // Backlogged from the first read on: whatever that read framed is taken, then the sockets pause.
    const backlogged = { value: true };
    Object.defineProperty(sink, 'backlogged', { get: () => backlogged.value });
    const counted = transportMetrics(metrics);
    const connections = new ConnectionLimiter({ maxConnections: 10, maxConnectionsPerPeer: 10 }, counted, silentLogger());
    const tcp = new TcpTransport(sink, { host: '127.0.0.1', port: 0, maxMessageBytes: 64 * 1024, logger: silentLogger(), metrics: counted, connections, idleTimeoutMs: 60_000 });
    const port = await tcp.listen();
    cleanups.push(() => tcp.close());

    const total = 100_000;
    const sender = await sendLines(port, total, cleanups);

    await until(() => drained !== undefined, 'the transport to wait for the sink');
    await sleep(300);
    const heldAtPause = sink.accepted.length;
    await sleep(300);
    expect(sink.accepted.length).to.equal(heldAtPause);
    expect(heldAtPause).to.be.above(0).and.below(total);
    expect(sender.writableLength).to.be.above(0);

    backlogged.value = false;
    drained!();
    await sink.waitForAccepted(total, 40_000);
    expect(sink.accepted.map((entry) => entry.message)).to.deep.equal(Array.from({ length: total }, (_, index) => sshLine(index)));
  });

  it('stalls a TCP sender while consumers leave the bounded memory bus full, then delivers every line', async () => {
    const maxBytes = 256 * 1024;
    const bounded = new MemoryBus({ partitions: 4, maxBytes, logger: silentLogger() });
    const boundedPipeline = new CollectorPipeline({ bus: bounded, clock: systemClock, logger: silentLogger(), metrics, organisations: [], maxBatch: MAX_BATCH, flushIntervalMs: 5, highWatermark: HIGH_WATERMARK });
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let consumed = 0;
    const consumer = await bounded.subscribe({ topic: TOPICS.events, group: 'slow', handler: async (messages) => {
      await held;
      consumed += messages.length;
    } });
    const counted = transportMetrics(metrics);
    const connections = new ConnectionLimiter({ maxConnections: 10, maxConnectionsPerPeer: 10 }, counted, silentLogger());
    const tcp = new TcpTransport(boundedPipeline, { host: '127.0.0.1', port: 0, maxMessageBytes: 64 * 1024, logger: silentLogger(), metrics: counted, connections, idleTimeoutMs: 60_000 });
    const port = await tcp.listen();
    cleanups.push(async () => {
      release();
      await tcp.close();
      await consumer.stop();
      await boundedPipeline.close();
      await bounded.close();
    });

    const total = 100_000;
    const sender = await sendLines(port, total, cleanups);

    // The bus fills up to its bound, then the pipeline's queue to the watermark, then the sockets pause.
    await until(() => boundedPipeline.saturated, 'the pipeline to saturate behind the full bus');
    // A read already under way when the sockets paused is still handed over.
    await sleep(300);
    const heldAtPause = received('tcp');
    await sleep(300);
    expect(received('tcp')).to.equal(heldAtPause);
    expect(heldAtPause).to.be.below(total);
    expect(sender.writableLength).to.be.above(0);
    expect(bounded.backlogBytes(TOPICS.events)).to.be.at.most(maxBytes);
    expect(bounded.backlogBytes(TOPICS.events)).to.be.above(maxBytes / 2);

    release();
    await until(() => consumed === total, `all ${total} events consumed`, 40_000);
    expect(received('tcp')).to.equal(total);
    expect(bounded.peakBacklogBytes(TOPICS.events)).to.be.at.most(maxBytes);
    expect(await bounded.lag(TOPICS.eventsDlq, 'test-observer')).to.equal(0);
  });

  it('drops and counts UDP datagrams while saturated, and takes them again once drained', async () => {
    const counted = transportMetrics(metrics);
    const udp = new UdpTransport(pipeline, { host: '127.0.0.1', port: 0, logger: silentLogger(), metrics: counted });
    const port = await udp.listen();
    cleanups.push(() => udp.close());
    const client = dgram.createSocket('udp4');
    cleanups.push(() => new Promise<void>((resolve) => client.close(() => resolve())));
    const send = (text: string) => new Promise<void>((resolve, reject) => client.send(text, port, '127.0.0.1', (error) => (error ? reject(error) : resolve())));
    bus.closeGate();

    const sent = HIGH_WATERMARK + 250;
    for (let index = 0; index < sent; index++) await send(sshLine(index));
    const dropped = () => counted.dropped.get({ transport: 'udp', reason: 'backpressure' });
    await until(() => received('udp') + dropped() === sent, 'every datagram to be taken or dropped');
    expect(received('udp')).to.equal(HIGH_WATERMARK);
    expect(dropped()).to.equal(sent - HIGH_WATERMARK);
    expect(metrics.render()).to.include(`lagebild_collector_dropped_total{reason="backpressure",transport="udp"} ${sent - HIGH_WATERMARK}`);

    bus.open();
    await pipeline.flush();
    await send(sshLine(sent));
    await until(() => received('udp') === HIGH_WATERMARK + 1, 'the datagram after draining');
    await pipeline.flush();
    expect(await bus.published(TOPICS.events)).to.equal(HIGH_WATERMARK + 1);
    expect(dropped()).to.equal(sent - HIGH_WATERMARK);
  });
});
