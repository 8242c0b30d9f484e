import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { systemClock } from '../../core/clock.js';
import { silentLogger } from '../../core/logging.js';
import { MetricsRegistry } from '../../core/metrics.js';
import { TOPICS } from '../../core/ports/bus.js';
import { MemoryBus } from '../../adapters/bus/memory/memory-bus.js';
import { CollectorPipeline } from '../../collectors/collector-pipeline.js';
import { parsers } from '../../collectors/parsers/registry.js';
import { ConnectionLimiter } from '../../collectors/transports/connection-limiter.js';
import { TcpTransport } from '../../collectors/transports/tcp-transport.js';
import { transportMetrics } from '../../collectors/transports/transport-metrics.js';
import { progress } from '../progress.js';
import { createConstituency } from '../traffic/constituency.js';
import { linesPerParser } from '../traffic/lines-per-parser.js';
import { writeResult } from '../write-result.js';

const SUITE = 'collectors';
const FIXTURES = path.resolve('tests/fixtures/parsers');

interface Rate {
  linesPerSecond: number;
  lines: number;
  parsedShare: number;
}

/**
 * Parser throughput on one core (each parser alone, a tight loop for about two seconds), on realistic
 * generated lines and on the fixture lines as a sanity set; then the TCP syslog path end to end: a
 * real socket on localhost → detecting framer → auto parser → attribution → memory bus, counted when
 * the bus has the events.
 */
export async function runCollectors(): Promise<void> {
  progress(SUITE, 'generating lines per parser');
  const realistic = linesPerParser(20_000);
  const perParser: Record<string, { realistic?: Rate; fixtures?: Rate }> = {};
  for (const [name, parser] of parsers) {
    const generated = realistic.get(name);
    const fixtures = fixtureLines(name);
    perParser[name] = {};
    if (generated) perParser[name].realistic = measureParser((line) => parser.parse(line, { receivedAt: new Date(), peerAddress: '10.100.0.1' }).ok, generated);
    if (fixtures.length > 0) perParser[name].fixtures = measureParser((line) => parser.parse(line, { receivedAt: new Date(), peerAddress: '10.100.0.1' }).ok, fixtures);
    progress(SUITE, `${name}: realistic ${perParser[name].realistic?.linesPerSecond ?? '-'} lines/s, fixtures ${perParser[name].fixtures?.linesPerSecond ?? '-'} lines/s`);
  }
  const tcp = await measureTcpPath(realistic.get('rfc5424')!, 'rfc5424');
  progress(SUITE, `TCP path (RFC 5424, newline framing): ${tcp.linesPerSecond} lines/s`);
  const tcpMixed = await measureTcpPath(realistic.get('auto')!, 'mixed');
  progress(SUITE, `TCP path (mixed background, auto parser): ${tcpMixed.linesPerSecond} lines/s`);
  const rfc5424 = perParser.rfc5424?.realistic?.linesPerSecond ?? 0;
  writeResult(SUITE, {
    parsers: perParser,
    tcpPath: { rfc5424: tcp, mixed: tcpMixed, ratioToParserOnly: Math.round((tcp.linesPerSecond / rfc5424) * 100) / 100 },
    target: { rfc5424LinesPerSecondPerCore: 100_000, met: rfc5424 >= 100_000 },
  });
}

function fixtureLines(name: string): string[] {
  const dir = path.join(FIXTURES, name);
  let files: string[];
  try {
    files = readdirSync(dir).filter((file) => file.endsWith('.log'));
  } catch {
    return [];
  }
  return files.flatMap((file) => readFileSync(path.join(dir, file), 'utf8').split('\n').filter((line) => line.length > 0));
}

function measureParser(parse: (line: string) => boolean, lines: string[]): Rate {
  for (let i = 0; i < 20_000; i++) parse(lines[i % lines.length]!);
  let parsed = 0;
  let count = 0;
  const started = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < 2) {
    for (const line of lines) if (parse(line)) parsed++;
    count += lines.length;
    elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  }
  return { linesPerSecond: Math.round(count / elapsed), lines: lines.length, parsedShare: Math.round((parsed / count) * 1000) / 1000 };
}

async function measureTcpPath(lines: string[], name: string): Promise<{ linesPerSecond: number; lines: number; seconds: number; events: number; deadLetters: number }> {
  const bus = new MemoryBus({ partitions: 4, logger: silentLogger() });
  const pipeline = new CollectorPipeline({ bus, clock: systemClock, logger: silentLogger(), metrics: new MetricsRegistry(), organisations: createConstituency(20).map((o) => o.organisation) });
  const connections = new ConnectionLimiter({ maxConnections: 10, maxConnectionsPerPeer: 10 }, transportMetrics(new MetricsRegistry()), silentLogger());
  const transport = new TcpTransport(pipeline, { host: '127.0.0.1', port: 0, maxMessageBytes: 64 * 1024, logger: silentLogger(), connections, idleTimeoutMs: 60_000 });
  const port = await transport.listen();
  const total = 400_000;
  let events = 0;
  let deadLetters = 0;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const count = (n: number): void => {
    if (n >= total) done();
  };
  const onEvents = await bus.subscribe({ topic: TOPICS.events, group: 'bench', handler: async (messages) => count((events += messages.length) + deadLetters) });
  const onDlq = await bus.subscribe({ topic: TOPICS.eventsDlq, group: 'bench', handler: async (messages) => count(events + (deadLetters += messages.length)) });
  const payload = Buffer.from(lines.map((line) => `${line}\n`).join(''));
  const started = process.hrtime.bigint();
  const socket = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  let sent = 0;
  let lastReport = Date.now();
  while (sent < total) {
    const ok = socket.write(payload);
    sent += lines.length;
    if (Date.now() - lastReport > 5000) {
      lastReport = Date.now();
      progress(SUITE, `TCP ${name}: sent ${sent}, on the bus ${events + deadLetters}`);
    }
    if (!ok) await new Promise<void>((resolve) => socket.once('drain', () => resolve()));
  }
  socket.end();
  await finished;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await onEvents.stop();
  await onDlq.stop();
  await transport.close();
  await pipeline.close();
  await bus.close();
  return { linesPerSecond: Math.round((events + deadLetters) / seconds), lines: events + deadLetters, seconds: Math.round(seconds * 100) / 100, events, deadLetters };
}
