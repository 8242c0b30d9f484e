import { setTimeout as sleep } from 'node:timers/promises';
import { systemClock } from '../../core/clock.js';
import { silentLogger } from '../../core/logging.js';
import { MetricsRegistry } from '../../core/metrics.js';
import { TOPICS } from '../../core/ports/bus.js';
import { MemoryBus } from '../../adapters/bus/memory/memory-bus.js';
import { CollectorPipeline } from '../../collectors/collector-pipeline.js';
import { ConnectionLimiter } from '../../collectors/transports/connection-limiter.js';
import { TcpTransport } from '../../collectors/transports/tcp-transport.js';
import { transportMetrics } from '../../collectors/transports/transport-metrics.js';
import { createConstituency } from '../traffic/constituency.js';
import { RssSampler } from './rss-sampler.js';
import { sendFromChildProcess } from './send-from-child-process.js';

export interface TcpPathRun {
  linesPerSecond: number;
  lines: number;
  seconds: number;
  events: number;
  deadLetters: number;
  rss: { startMiB: number; peakMiB: number; growthMiB: number };
  /** The most the bus held for its consumers at any time (its own count), against its bound. */
  busPeakBacklogMiB: number;
}

export interface TcpPathOptions {
  parsingWorkers: number;
  /** The memory bus's bound; Infinity shows what the path did before there was one. */
  busMaxBytes?: number;
  /** The consumer waits this long per batch of 500: a consumer slower than the collector. */
  consumerDelayMs?: number;
  onProgress: (message: string) => void;
}

/**
 * The TCP syslog path end to end: a real socket on localhost → detecting framer → auto parser →
 * attribution → memory bus, counted when a subscriber of the bus has every line (as event or dead
 * letter). The sender is the one rsyslog gets in the same run, in a process of its own.
 */
export async function measureTcpPath(payloadFile: string, repeats: number, linesPerPayload: number, options: TcpPathOptions): Promise<TcpPathRun> {
  const { parsingWorkers, onProgress } = options;
  const total = linesPerPayload * repeats;
  const bus = new MemoryBus({ partitions: 4, logger: silentLogger(), ...(options.busMaxBytes === undefined ? {} : { maxBytes: options.busMaxBytes }) });
  const pipeline = new CollectorPipeline({ bus, clock: systemClock, logger: silentLogger(), metrics: new MetricsRegistry(), organisations: createConstituency(20).map((o) => o.organisation), parsingWorkers });
  const connections = new ConnectionLimiter({ maxConnections: 10, maxConnectionsPerPeer: 10 }, transportMetrics(new MetricsRegistry()), silentLogger());
  const transport = new TcpTransport(pipeline, { host: '127.0.0.1', port: 0, maxMessageBytes: 64 * 1024, logger: silentLogger(), connections, idleTimeoutMs: 60_000 });
  const port = await transport.listen();
  let events = 0;
  let deadLetters = 0;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const count = (): void => {
    if (events + deadLetters >= total) done();
  };
  const delay = options.consumerDelayMs ?? 0;
  const onEvents = await bus.subscribe({
    topic: TOPICS.events,
    group: 'bench',
    maxBatchSize: 500,
    handler: async (messages) => {
      if (delay > 0) await sleep(delay);
      events += messages.length;
      count();
    },
  });
  const onDlq = await bus.subscribe({ topic: TOPICS.eventsDlq, group: 'bench', handler: async (messages) => void ((deadLetters += messages.length), count()) });
  const rss = new RssSampler();
  const sending = sendFromChildProcess(port, payloadFile, repeats);
  const started = await sending.connected;
  const reporter = setInterval(() => onProgress(`on the bus ${events + deadLetters} of ${total}`), 5000);
  await sending.done;
  await finished;
  clearInterval(reporter);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const memory = rss.stop();
  await onEvents.stop();
  await onDlq.stop();
  await transport.close();
  await pipeline.close();
  await bus.close();
  const busPeakBacklogMiB = Math.round((bus.peakBacklogBytes(TOPICS.events) / 2 ** 20) * 10) / 10;
  return { linesPerSecond: Math.round((events + deadLetters) / seconds), lines: events + deadLetters, seconds: Math.round(seconds * 100) / 100, events, deadLetters, rss: memory, busPeakBacklogMiB };
}
