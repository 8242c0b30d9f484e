import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_MEMORY_BUS_MAX_BYTES } from '../../adapters/bus/memory/memory-bus.js';
import { parsers } from '../../collectors/parsers/registry.js';
import { loadConfig } from '../../core/config.js';
import { measureRsyslog, type RsyslogRun } from '../collectors/rsyslog-ceiling.js';
import { measureInChildProcess } from '../collectors/measure-in-child-process.js';
import type { TcpPathRun } from '../collectors/measure-tcp-path.js';
import { progress } from '../progress.js';
import { linesPerParser } from '../traffic/lines-per-parser.js';
import { writeResult } from '../write-result.js';

const SUITE = 'collectors';
const FIXTURES = path.resolve('tests/fixtures/parsers');
/** As in the issue's side-by-side run: 300,000 RFC 5424 lines over one TCP connection. */
const TCP_LINES = 300_000;
const PASSES = 3;
const SLOW_CONSUMER_LINES = 200_000;
/** The service's default (LAGEBILD_COLLECTOR_WORKERS): the bench measures the collector as it runs. */
const PARSING_WORKERS = loadConfig({}).collectorWorkers;

interface Rate {
  linesPerSecond: number;
  lines: number;
  parsedShare: number;
}

/**
 * Parser throughput on one core (each parser alone, a tight loop for about two seconds), on realistic
 * generated lines and on the fixture lines as a sanity set; then the TCP syslog path end to end next
 * to its ceiling: rsyslog (imtcp → omfile) receiving the same lines from the same sender in the same
 * run, in alternating passes so that other work on the machine hits both alike. Each TCP path
 * measurement runs in a fresh process, so that its RSS is the collector's, not the parser loops'.
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
  const linesDir = mkdtempSync(path.join(os.tmpdir(), 'lagebild-bench-lines-'));
  try {
    await measureTcpPaths(realistic, perParser, linesDir);
  } finally {
    rmSync(linesDir, { recursive: true, force: true });
  }
}

/** The TCP path next to rsyslog, in alternating passes, then once on mixed traffic; writes the result. */
async function measureTcpPaths(realistic: Map<string, string[]>, perParser: Record<string, { realistic?: Rate; fixtures?: Rate }>, linesDir: string): Promise<void> {
  const rfc5424Lines = realistic.get('rfc5424')!;
  const rfc5424Payload = payloadFile(linesDir, 'rfc5424', rfc5424Lines);
  const rsyslogPasses: RsyslogRun[] = [];
  const tcpPasses: TcpPathRun[] = [];
  for (let pass = 1; pass <= PASSES; pass++) {
    const rsyslog = await measureRsyslog(rfc5424Payload.file, rfc5424Payload.bytes, TCP_LINES / rfc5424Lines.length, rfc5424Lines.length);
    rsyslogPasses.push(rsyslog);
    progress(SUITE, `pass ${pass}: rsyslog imtcp → omfile: ${'missing' in rsyslog ? rsyslog.missing : `${rsyslog.linesPerSecond} lines/s`}`);
    const tcp = await measureInChildProcess({ payloadFile: rfc5424Payload.file, repeats: TCP_LINES / rfc5424Lines.length, linesPerPayload: rfc5424Lines.length, parsingWorkers: PARSING_WORKERS, busMaxBytes: DEFAULT_MEMORY_BUS_MAX_BYTES, consumerDelayMs: 0, label: 'TCP rfc5424' });
    tcpPasses.push(tcp);
    progress(SUITE, `pass ${pass}: TCP path (RFC 5424, newline framing): ${tcp.linesPerSecond} lines/s, RSS +${tcp.rss.growthMiB} MiB`);
  }
  const mixedLines = realistic.get('auto')!;
  const tcpMixed = await measureInChildProcess({ payloadFile: payloadFile(linesDir, 'mixed', mixedLines).file, repeats: TCP_LINES / mixedLines.length, linesPerPayload: mixedLines.length, parsingWorkers: PARSING_WORKERS, busMaxBytes: DEFAULT_MEMORY_BUS_MAX_BYTES, consumerDelayMs: 0, label: 'TCP mixed' });
  progress(SUITE, `TCP path (mixed background, auto parser): ${tcpMixed.linesPerSecond} lines/s, RSS +${tcpMixed.rss.growthMiB} MiB`);
  const slowConsumer = await measureSlowConsumer(rfc5424Payload.file, rfc5424Lines.length);
  const tcp = median(tcpPasses);
  const measuredRsyslog = rsyslogPasses.filter((run): run is Exclude<RsyslogRun, { missing: string }> => !('missing' in run));
  const rsyslog = measuredRsyslog.length === PASSES ? { ...median(measuredRsyslog), passes: measuredRsyslog.map((run) => run.linesPerSecond) } : { missing: rsyslogPasses.map((run) => ('missing' in run ? run.missing : undefined)).find(Boolean) };
  const rfc5424 = perParser.rfc5424?.realistic?.linesPerSecond ?? 0;
  const ratioToRsyslog = 'linesPerSecond' in rsyslog ? round2(tcp.linesPerSecond / rsyslog.linesPerSecond) : null;
  progress(SUITE, `TCP path ${tcp.linesPerSecond} lines/s, rsyslog ${'linesPerSecond' in rsyslog ? rsyslog.linesPerSecond : 'missing'}: ratio ${ratioToRsyslog ?? '-'}`);
  writeResult(SUITE, {
    parsers: perParser,
    tcpPath: { parsingWorkers: PARSING_WORKERS, busMaxBytes: DEFAULT_MEMORY_BUS_MAX_BYTES, rfc5424: { ...tcp, passes: tcpPasses.map((run) => run.linesPerSecond) }, mixed: tcpMixed, ratioToParserOnly: round2(tcp.linesPerSecond / rfc5424) },
    slowConsumer,
    rsyslog,
    ratioToRsyslog,
    target: { rfc5424LinesPerSecondPerCore: 100_000, met: rfc5424 >= 100_000, ratioToRsyslog: 0.25, ratioMet: ratioToRsyslog !== null && ratioToRsyslog >= 0.25 },
  });
}

/**
 * The bound at work: a consumer that takes 500 events per 25 ms (20,000/s, slower than the collector),
 * once with the bus bounded as configured and once without a bound, as it was before issue 18. With
 * the bound the process stays small however much is sent, and the sender is held back instead.
 */
async function measureSlowConsumer(payloadFile: string, linesPerPayload: number): Promise<Record<string, TcpPathRun>> {
  const runs: Record<string, TcpPathRun> = {};
  for (const [name, busMaxBytes] of [['bounded', DEFAULT_MEMORY_BUS_MAX_BYTES], ['unbounded', null]] as const) {
    runs[name] = await measureInChildProcess({ payloadFile, repeats: SLOW_CONSUMER_LINES / linesPerPayload, linesPerPayload, parsingWorkers: PARSING_WORKERS, busMaxBytes, consumerDelayMs: 25, label: `slow consumer, ${name}` });
    progress(SUITE, `slow consumer, bus ${name}: ${runs[name].linesPerSecond} lines/s, RSS +${runs[name].rss.growthMiB} MiB, bus held at most ${runs[name].busPeakBacklogMiB} MiB`);
  }
  return runs;
}

/** The lines as the sender process reads them: one file, sent as often as needed. */
function payloadFile(dir: string, name: string, lines: string[]): { file: string; bytes: number } {
  const payload = Buffer.from(lines.map((line) => `${line}\n`).join(''));
  const file = path.join(dir, `${name}.log`);
  writeFileSync(file, payload);
  return { file, bytes: payload.length };
}

/** The pass with the median rate (passes are odd in number). */
function median<T extends { linesPerSecond: number }>(runs: T[]): T {
  return [...runs].sort((a, b) => a.linesPerSecond - b.linesPerSecond)[runs.length >> 1]!;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
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
