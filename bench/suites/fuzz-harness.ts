import dgram from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startHealthzProbeThread, type HealthzProbe, type HealthzProbeThread } from './healthz-probe-thread.js';
import { freePort, startServiceProcess, type ServiceProcess } from '../../tests/support/service-process.js';
import { percentiles } from '../percentiles.js';
import { RandomSource } from '../../cli/demo/random-source.js';
import { ClassPicker, httpRecordUnits, tcpFramingConnection, tcpLineUnits, udpUnits, type FuzzTransport, type HostileUnit, type TrafficMix } from '../traffic/hostile-traffic.js';

/** The product's default `maxLineBytes` (core/config.ts); there is no environment variable for it. */
export const MAX_LINE_BYTES = 64 * 1024;
/** RSS may grow by this much over the run: the pipeline queue and the bus retention are bounded, so a fuzz run must be too. */
export const RSS_GROWTH_LIMIT_MB = 1024;
export const HEALTHZ_LIMIT_MS = 1000;

const TRANSPORTS: FuzzTransport[] = ['udp', 'tcp', 'http'];
/** Share of units per transport. */
const TRANSPORT_SHARE: Record<FuzzTransport, number> = { udp: 0.3, tcp: 0.45, http: 0.25 };
const TCP_LINE_CONNECTIONS = 4;
const HTTP_WORKERS = 2;
const HTTP_BATCH_RECORDS = 500;
const HTTP_BATCH_BYTES = 1_000_000;
/** UDP is paced so that the service's socket never holds more than this: UDP has no flow control, and a drop must be the service's, not the sender's haste. */
const UDP_QUEUE_LIMIT_BYTES = 1_000_000;
const DEMO_PASSWORD = 'fuzz-demo-password';
/** A sender that cannot hand over anything for this long (TCP never drains, HTTP answers only 503) stops all senders: the service stopped taking input. */
const STALL_MS = 60_000;

interface RunState {
  dead: boolean;
  phase: string;
  /** Why the senders stopped early although the process is alive. */
  stalled?: string;
}

function stopped(state: RunState): boolean {
  return state.dead || state.stalled !== undefined;
}

export interface FuzzOptions {
  units: number;
  seed: number;
  mix: TrafficMix;
  /**
   * Offered rate over all transports. Hostile input must not stall the service at a rate it takes
   * with valid lines; saturation is the pipeline suites' subject. 0 sends as fast as TCP lets it.
   */
  unitsPerSecond: number;
  /** How long to wait for the pipeline to go quiet after the last unit was sent. */
  quietTimeoutMs: number;
  progress?: (message: string) => void;
}

interface ClassCount {
  units: number;
  expected: number;
}

export interface TransportFigures {
  units: number;
  /** Messages the collector must account for (units minus those swallowed by a broken octet stream). */
  expected: number;
  received: number;
  events: number;
  deadLetters: { framing: number; parse: number };
  dropped: number;
  accounted: number;
  byClass: Record<string, ClassCount>;
}

export interface FuzzReport {
  units: number;
  seed: number;
  classes: string[];
  transports: Record<FuzzTransport, TransportFigures>;
  /** Units whose expected count is 0: frames after a broken octet count, lines after a digit-first line. */
  swallowedByFraming: number;
  events: { parsed: number; published: number; detected: number; archived: number };
  deadLettersByStage: Record<string, number>;
  parserOutcomes: Record<string, number>;
  udp: { serviceDropped: number; socketDrops: number; rcvbufErrorsHostWide: number; sendErrors: number };
  http: { requests: number; statuses: Record<string, number>; busyRetries: number; refusedRecords: number; answerMismatches: number };
  crashes: number;
  /** Set when the senders gave up because the living service stopped taking input. */
  stalled: string | null;
  exit: { during: string | null; stderr: string[] };
  /** `maxAtSecond`: seconds after the first unit was sent; `over1s`: probes that took 1 s or longer. */
  /** `serviceStalls`: the service's own count of event-loop stalls of 500 ms or more during the run (core/event-loop-watch.ts), and its longest since it started. */
  healthz: { probes: number; failures: number; maxMs: number; p99Ms: number; p50Ms: number; maxAtSecond: number; over1s: number; serviceStalls: number; serviceLongestStallMs: number };
  rss: { startMb: number; peakMb: number; endMb: number; hwmMb: number };
  sendSeconds: number;
  settleSeconds: number;
  unitsPerSecond: number;
  lastUnitsBeforeExit: string[];
  logFile: string;
  invariants: { name: string; ok: boolean; detail: string }[];
}

type Samples = { name: string; labels: Record<string, string>; value: number }[];

/**
 * Spawns `lagebild start --demo` (all roles, embedded mode) and sends hostile traffic over UDP, TCP
 * (several newline connections and short octet-counted ones) and HTTP ingest at once, while
 * /healthz is probed every 100 ms and the child's RSS read from /proc. Then waits for the pipeline to
 * go quiet and reads /metrics. Never throws on a product failure: the report says what broke.
 */
export async function runHostileFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const say = options.progress ?? (() => undefined);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lagebild-fuzz-'));
  const logFile = path.join(os.tmpdir(), `lagebild-fuzz-${process.pid}-${Date.now()}.log`);
  const [httpPort, syslogPort] = [await freePort(), await freePort()];
  const service = await startServiceProcess({
    roles: 'collectors,detectors,api,scheduler',
    demo: true,
    logFile,
    readyTimeoutMs: 90_000,
    env: { LAGEBILD_DATA_DIR: dataDir, LAGEBILD_HTTP_PORT: String(httpPort), LAGEBILD_SYSLOG_PORT: String(syslogPort), LAGEBILD_DEMO_PASSWORD: DEMO_PASSWORD, LAGEBILD_JWT_SECRET: 'fuzz-secret-0123456789abcdef0123456789', LAGEBILD_RULES_DIR: path.resolve('rules') },
  });
  const baseUrl = `http://127.0.0.1:${httpPort}`;
  const state: RunState = { dead: false, phase: 'starting' };
  const watch = new ProcessWatch(service, state);
  try {
    await waitFor(() => service.tail(200).includes('Demo attack scenario replayed'), 30_000);
    const baseline = await settledMetrics(baseUrl);
    const token = await ingestToken(baseUrl);
    const udpDropsAtStart = udpSocketDrops(syslogPort);
    const rcvbufAtStart = rcvbufErrors();
    state.phase = 'sending';
    watch.start(baseUrl);
    say(`service pid ${service.pid} ready; RSS ${watch.rssStartMb} MB; sending ${options.units} units`);

    const counts: Record<FuzzTransport, { units: number; expected: number; byClass: Record<string, ClassCount> }> = { udp: emptyCount(), tcp: emptyCount(), http: emptyCount() };
    const recent: string[] = [];
    const record = (transport: FuzzTransport, unit: HostileUnit) => {
      const count = counts[transport];
      count.units++;
      count.expected += unit.expected;
      const byClass = (count.byClass[unit.cls] ??= { units: 0, expected: 0 });
      byClass.units++;
      byClass.expected += unit.expected;
      recent.push(`${transport}:${unit.cls}`);
      if (recent.length > 40) recent.shift();
    };
    const perTransport = Object.fromEntries(TRANSPORTS.map((t) => [t, Math.round(options.units * TRANSPORT_SHARE[t])])) as Record<FuzzTransport, number>;
    perTransport.http = options.units - perTransport.udp - perTransport.tcp;
    const framingUnits = Math.round(perTransport.tcp * new ClassPicker(options.mix).share('framing'));
    const lineUnits = perTransport.tcp - framingUnits;
    const udpSend = { sendErrors: 0 };
    const httpSend = { requests: 0, statuses: {} as Record<string, number>, busyRetries: 0, refusedRecords: 0, answerMismatches: 0 };

    const started = Date.now();
    const pacer = (units: number) => new Pacer(options.unitsPerSecond * (units / Math.max(1, options.units)));
    const progressTimer = setInterval(() => say(`sent udp ${counts.udp.units}/${perTransport.udp}, tcp ${counts.tcp.units}/${perTransport.tcp}, http ${counts.http.units}/${perTransport.http}; healthz max ${Math.round(watch.healthzMaxMs)} ms; RSS ${watch.rssNowMb} MB`), 5000);
    await Promise.all([
      sendUdp(syslogPort, udpUnits(options.seed + 1, perTransport.udp, options.mix, MAX_LINE_BYTES), pacer(perTransport.udp), state, (unit) => record('udp', unit), udpSend),
      ...Array.from({ length: TCP_LINE_CONNECTIONS }, (_, index) => {
        const units = share(lineUnits, TCP_LINE_CONNECTIONS, index);
        return sendTcp(syslogPort, tcpLineUnits(options.seed + 10 + index, units, options.mix, MAX_LINE_BYTES), pacer(units), state, (unit) => record('tcp', unit));
      }),
      sendTcpFraming(syslogPort, new RandomSource(options.seed + 20), framingUnits, pacer(framingUnits), state, (unit) => record('tcp', unit)),
      ...Array.from({ length: HTTP_WORKERS }, (_, index) => {
        const units = share(perTransport.http, HTTP_WORKERS, index);
        return sendHttp(baseUrl, token, httpRecordUnits(options.seed + 30 + index, units, options.mix, MAX_LINE_BYTES), pacer(units), state, (unit) => record('http', unit), httpSend);
      }),
    ]);
    clearInterval(progressTimer);
    const sendSeconds = (Date.now() - started) / 1000;
    say(`sent ${counts.udp.units + counts.tcp.units + counts.http.units} units in ${sendSeconds.toFixed(1)} s${state.dead ? ' — the service process is gone' : ''}; waiting for the pipeline to go quiet`);

    state.phase = 'waiting for the pipeline to go quiet';
    const settleStarted = Date.now();
    let final = watch.lastMetrics ?? baseline;
    if (!state.dead) final = await quiet(baseUrl, baseline, counts, state, options.quietTimeoutMs, say);
    const settleSeconds = (Date.now() - settleStarted) / 1000;
    await watch.stopSampling();
    // A last look at the process: dead now means it died while we waited.
    watch.sample();

    const delta = (name: string, labels: Record<string, string> = {}) => sum(final, name, labels) - sum(baseline, name, labels);
    const transports = Object.fromEntries(
      TRANSPORTS.map((t) => {
        const received = delta('lagebild_collector_messages_received_total', { transport: t });
        const framing = delta('lagebild_dead_letters_total', { stage: 'framing', transport: t });
        const parse = delta('lagebild_dead_letters_total', { stage: 'parse', transport: t });
        const dropped = delta('lagebild_collector_dropped_total', { transport: t });
        const figures: TransportFigures = { units: counts[t].units, expected: counts[t].expected, received, events: received - parse, deadLetters: { framing, parse }, dropped, accounted: received + framing, byClass: counts[t].byClass };
        return [t, figures];
      }),
    ) as Record<FuzzTransport, TransportFigures>;
    const parsed = delta('lagebild_parser_messages_total', { outcome: 'parsed' });
    const deadLettersByStage: Record<string, number> = {};
    for (const stage of new Set(final.filter((s) => s.name === 'lagebild_dead_letters_total').map((s) => s.labels.stage ?? ''))) deadLettersByStage[stage] = delta('lagebild_dead_letters_total', { stage });
    const parserOutcomes: Record<string, number> = {};
    for (const sample of final.filter((s) => s.name === 'lagebild_parser_messages_total')) {
      const key = `${sample.labels.parser}/${sample.labels.outcome}`;
      parserOutcomes[key] = delta('lagebild_parser_messages_total', { parser: sample.labels.parser!, outcome: sample.labels.outcome! });
    }
    const healthz = { ...watch.healthz(), serviceStalls: delta('lagebild_event_loop_stalls_total'), serviceLongestStallMs: Math.round(sum(final, 'lagebild_event_loop_longest_stall_seconds', {}) * 1000) };
    const report: FuzzReport = {
      units: counts.udp.units + counts.tcp.units + counts.http.units,
      seed: options.seed,
      classes: [...options.mix.classes],
      transports,
      swallowedByFraming: counts.tcp.units - counts.tcp.expected,
      events: { parsed, published: parsed - (deadLettersByStage.publish ?? 0), detected: delta('lagebild_detector_events_total'), archived: delta('lagebild_events_archived_total') },
      deadLettersByStage,
      parserOutcomes,
      udp: { serviceDropped: transports.udp.dropped, socketDrops: udpSocketDrops(syslogPort) - udpDropsAtStart, rcvbufErrorsHostWide: rcvbufErrors() - rcvbufAtStart, sendErrors: udpSend.sendErrors },
      http: httpSend,
      crashes: state.dead ? 1 : 0,
      stalled: state.stalled ?? null,
      exit: { during: null, stderr: [] },
      healthz,
      rss: { startMb: watch.rssStartMb, peakMb: watch.rssPeakMb, endMb: watch.rssNowMb, hwmMb: watch.hwmMb },
      sendSeconds: round(sendSeconds),
      settleSeconds: round(settleSeconds),
      unitsPerSecond: Math.round((counts.udp.units + counts.tcp.units + counts.http.units) / Math.max(sendSeconds, 0.001)),
      lastUnitsBeforeExit: state.dead ? [...recent] : [],
      logFile,
      invariants: [],
    };
    if (state.dead) {
      const code = await service.kill('SIGKILL');
      const metricsAge = watch.lastMetricsAt ? `${((Date.now() - watch.lastMetricsAt) / 1000).toFixed(1)} s before the end of the run` : 'never during the run';
      report.exit = { during: `exited (${code}) while ${watch.deadAt}; counters are from the last /metrics read, ${metricsAge}`, stderr: errorLines(service.tail(200)) };
    }
    report.invariants = invariants(report);
    // The service log is kept only when it can explain a failure.
    if (report.invariants.every((check) => check.ok)) rmSync(logFile, { force: true });
    return report;
  } finally {
    await watch.stopSampling();
    await service.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Every check of issue 14 item 2; each names the figures it compared. */
export function invariants(report: FuzzReport): { name: string; ok: boolean; detail: string }[] {
  const checks: { name: string; ok: boolean; detail: string }[] = [];
  checks.push({ name: 'no crash', ok: report.crashes === 0, detail: report.crashes === 0 ? 'process alive' : `${report.exit.during}; last units sent: ${report.lastUnitsBeforeExit.slice(-8).join(', ')}; ${report.exit.stderr.slice(0, 3).join(' | ')}` });
  // After a crash the counters are those of the last /metrics read, and sends fail for want of a receiver.
  const gone = report.crashes > 0 ? ' (the process is gone: counters from before the crash)' : '';
  checks.push({ name: 'the service keeps taking input', ok: report.stalled === null, detail: report.stalled ?? 'every sender handed over all its units' });
  for (const t of TRANSPORTS) {
    const f = report.transports[t];
    const accounted = f.events + f.deadLetters.framing + f.deadLetters.parse;
    checks.push({ name: `${t}: events + dead letters = messages sent`, ok: accounted === f.expected && f.dropped === 0, detail: `${f.events} events + ${f.deadLetters.framing + f.deadLetters.parse} dead letters = ${accounted} of ${f.expected} expected (${f.units} units)${f.dropped ? `; ${f.dropped} dropped by the service` : ''}${gone}` });
  }
  const udpLoss = report.udp.socketDrops + report.udp.sendErrors;
  checks.push({ name: 'udp: no datagram lost before the service', ok: udpLoss === 0, detail: `kernel drops on the service socket ${report.udp.socketDrops}, send errors ${report.udp.sendErrors} (host-wide RcvbufErrors +${report.udp.rcvbufErrorsHostWide})${gone}` });
  checks.push({ name: 'http: every request answered 202 (503 retried)', ok: report.http.refusedRecords === 0 && report.http.answerMismatches === 0, detail: `statuses ${JSON.stringify(report.http.statuses)}, ${report.http.refusedRecords} records refused, ${report.http.answerMismatches} answers whose counts differ from the records sent${gone}` });
  const publishRefused = report.deadLettersByStage.publish ?? 0;
  checks.push({ name: 'no batch refused by the bus', ok: publishRefused === 0, detail: `${publishRefused} events dead-lettered at stage "publish" (a refused batch takes its good events along)${gone}` });
  const rejected = report.deadLettersByStage.detect ?? 0;
  checks.push({ name: 'every published event is detected and archived', ok: report.events.detected === report.events.published && rejected === 0 && report.events.archived === report.events.published, detail: `published ${report.events.published}, detected ${report.events.detected}, rejected by the detector as not an ECS event ${rejected} (counted as events by the collector, never archived), archived ${report.events.archived}${gone}` });
  checks.push({ name: 'RSS bounded', ok: report.rss.peakMb - report.rss.startMb <= RSS_GROWTH_LIMIT_MB, detail: `start ${report.rss.startMb} MB, peak ${report.rss.peakMb} MB (limit +${RSS_GROWTH_LIMIT_MB} MB)${gone}` });
  checks.push({ name: '/healthz under 1 s throughout', ok: report.healthz.failures === 0 && report.healthz.maxMs < HEALTHZ_LIMIT_MS, detail: `max ${report.healthz.maxMs} ms (${report.healthz.maxAtSecond} s into the run), p99 ${report.healthz.p99Ms} ms, ${report.healthz.over1s} of ${report.healthz.probes} probes at 1 s or more, ${report.healthz.failures} failed; the service itself saw ${report.healthz.serviceStalls} event-loop stalls of 500 ms or more, the longest ${report.healthz.serviceLongestStallMs} ms` });
  return checks;
}

function emptyCount() {
  return { units: 0, expected: 0, byClass: {} as Record<string, ClassCount> };
}

function share(total: number, parts: number, index: number): number {
  return Math.floor(total / parts) + (index < total % parts ? 1 : 0);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(100);
  }
}

function errorLines(tail: string): string[] {
  return tail.split('\n').filter((line) => /error|exception|fatal|heap|stack|at /i.test(line)).slice(0, 20).map((line) => line.slice(0, 400));
}

/** The child's health seen from outside: /healthz latency, RSS from /proc, and whether it is still there. */
class ProcessWatch {
  rssStartMb = 0;
  rssPeakMb = 0;
  rssNowMb = 0;
  hwmMb = 0;
  healthzMaxMs = 0;
  private healthzMaxAt = 0;
  private startedAt = 0;
  deadAt = '';
  lastMetrics: Samples | undefined;
  lastMetricsAt = 0;
  private readonly latencies: number[] = [];
  private failures = 0;
  private running = false;
  private probes: HealthzProbeThread | undefined;

  constructor(
    private readonly service: ServiceProcess,
    private readonly state: RunState,
  ) {
    this.sample();
    this.rssStartMb = this.rssNowMb;
  }

  start(baseUrl: string): void {
    this.running = true;
    this.startedAt = Date.now();
    this.rssStartMb = this.rssNowMb;
    this.probes = startHealthzProbeThread(`${baseUrl}/healthz`, { everyMs: 100, timeoutMs: 10_000 }, (probe) => this.recordProbe(probe));
    void this.sampleLoop(baseUrl);
  }

  async stopSampling(): Promise<void> {
    this.running = false;
    const probes = this.probes;
    this.probes = undefined;
    await probes?.stop();
  }

  healthz() {
    const latencies = [...this.latencies];
    const { p50, p99 } = percentiles(latencies, [50, 99]);
    const over1s = this.latencies.filter((ms) => ms >= HEALTHZ_LIMIT_MS).length;
    return { probes: this.latencies.length, failures: this.failures, maxMs: Math.round(this.healthzMaxMs), p99Ms: p99 ?? Number.NaN, p50Ms: p50 ?? Number.NaN, maxAtSecond: this.healthzMaxAt ? round((this.healthzMaxAt - this.startedAt) / 1000) : 0, over1s };
  }

  /** Reads /proc/<pid>/status; a missing file or a zombie means the process is gone. */
  sample(): void {
    const file = `/proc/${this.service.pid}/status`;
    const status = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (status === '' || /^State:\s+Z/m.test(status)) {
      if (!this.state.dead) this.deadAt = `${this.state.phase} (RSS last ${this.rssNowMb} MB)`;
      this.state.dead = true;
      return;
    }
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    this.rssNowMb = Math.round(kb('VmRSS') / 1024);
    this.hwmMb = Math.round(kb('VmHWM') / 1024);
    this.rssPeakMb = Math.max(this.rssPeakMb, this.rssNowMb);
  }

  private recordProbe({ elapsedMs, ok, sentAt }: HealthzProbe): void {
    // A dead service refuses every probe; that is reported as its death, not as slow answers.
    if (this.state.dead) return;
    this.latencies.push(elapsedMs);
    if (elapsedMs > this.healthzMaxMs) [this.healthzMaxMs, this.healthzMaxAt] = [elapsedMs, sentAt];
    if (!ok) this.failures++;
  }

  private async sampleLoop(baseUrl: string): Promise<void> {
    let tick = 0;
    while (this.running && !this.state.dead) {
      this.sample();
      if (tick++ % 4 === 0 && !this.state.dead) {
        const samples = await readMetrics(baseUrl).catch(() => undefined);
        if (samples) [this.lastMetrics, this.lastMetricsAt] = [samples, Date.now()];
      }
      await sleep(250);
    }
  }
}

async function readMetrics(baseUrl: string): Promise<Samples> {
  const response = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(10_000) });
  const samples: Samples = [];
  for (const line of (await response.text()).split('\n')) {
    const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const label of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[label[1]!] = label[2]!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

function sum(samples: Samples, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const sample of samples) if (sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value)) total += sample.value;
  return total;
}

/** Metrics once the demo replay has gone through detection and the archive. */
async function settledMetrics(baseUrl: string): Promise<Samples> {
  let previous = '';
  for (let round = 0; round < 60; round++) {
    const samples = await readMetrics(baseUrl);
    const key = ['lagebild_collector_messages_received_total', 'lagebild_detector_events_total', 'lagebild_events_archived_total'].map((name) => sum(samples, name)).join('/');
    if (key === previous) return samples;
    previous = key;
    await sleep(500);
  }
  return readMetrics(baseUrl);
}

async function ingestToken(baseUrl: string): Promise<string> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) });
  if (!login.ok) throw new Error(`login as admin: ${login.status} ${await login.text()}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const created = await fetch(`${baseUrl}/api/v1/log-sources`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, body: JSON.stringify({ organizationId: 'radebeul', name: 'fuzz' }) });
  if (created.status !== 201) throw new Error(`creating a log source: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { token: string }).token;
}

/**
 * Waits until every transport has accounted for what was sent and detection and the archive have
 * caught up, or nothing has moved for 10 s, or the timeout passed; returns the last metrics.
 */
async function quiet(baseUrl: string, baseline: Samples, counts: Record<FuzzTransport, { expected: number }>, state: { dead: boolean }, timeoutMs: number, say: (message: string) => void): Promise<Samples> {
  const deadline = Date.now() + timeoutMs;
  let last = baseline;
  let previous = '';
  let unchangedSince = Date.now();
  while (Date.now() < deadline) {
    let samples: Samples;
    try {
      samples = await readMetrics(baseUrl);
    } catch {
      if (state.dead) return last;
      await sleep(500);
      continue;
    }
    last = samples;
    const delta = (name: string, labels: Record<string, string> = {}) => sum(samples, name, labels) - sum(baseline, name, labels);
    const collected = TRANSPORTS.every((t) => delta('lagebild_collector_messages_received_total', { transport: t }) + delta('lagebild_dead_letters_total', { stage: 'framing', transport: t }) + delta('lagebild_collector_dropped_total', { transport: t }) >= counts[t].expected);
    const published = delta('lagebild_parser_messages_total', { outcome: 'parsed' }) - delta('lagebild_dead_letters_total', { stage: 'publish' });
    const detected = delta('lagebild_detector_events_total');
    const caughtUp = detected + delta('lagebild_dead_letters_total', { stage: 'detect' }) >= published && delta('lagebild_events_archived_total') >= detected;
    if (collected && caughtUp) return samples;
    const key = `${published}/${detected}/${delta('lagebild_events_archived_total')}/${delta('lagebild_collector_messages_received_total')}`;
    if (key !== previous) {
      previous = key;
      unchangedSince = Date.now();
    } else if (Date.now() - unchangedSince > 10_000) {
      say(`nothing moved for 10 s (published/detected/archived/received ${key}); giving up waiting`);
      return samples;
    }
    await sleep(500);
  }
  say('the pipeline did not go quiet before the timeout');
  return last;
}

/** This port's UDP socket in /proc/net/udp: the kernel's drops for it (receive buffer full). */
function udpSocketDrops(port: number): number {
  return udpSocketRow(port)?.drops ?? 0;
}

function udpSocketRow(port: number): { rxQueue: number; drops: number } | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const line of readFileSync('/proc/net/udp', 'utf8').split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields[1]?.endsWith(`:${hexPort}`)) return { rxQueue: Number.parseInt(fields[4]!.split(':')[1]!, 16), drops: Number(fields[12] ?? 0) };
  }
  return undefined;
}

function rcvbufErrors(): number {
  const lines = readFileSync('/proc/net/snmp', 'utf8').split('\n').filter((line) => line.startsWith('Udp:'));
  const names = lines[0]?.split(/\s+/) ?? [];
  const values = lines[1]?.split(/\s+/) ?? [];
  return Number(values[names.indexOf('RcvbufErrors')] ?? 0);
}

async function sendUdp(port: number, units: Iterable<HostileUnit>, pacer: Pacer, state: RunState, record: (unit: HostileUnit) => void, figures: { sendErrors: number }): Promise<void> {
  const socket = dgram.createSocket({ type: 'udp4', sendBufferSize: 4 * 1024 * 1024 });
  // A connected UDP socket hears ICMP "port unreachable" once the service is gone; the watch reports that.
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.connect(port, '127.0.0.1', () => resolve()));
  const burst: Promise<void>[] = [];
  for (const unit of units) {
    if (stopped(state)) break;
    burst.push(
      new Promise((resolve) =>
        socket.send(unit.bytes, (error) => {
          if (error) figures.sendErrors++;
          else record(unit);
          resolve();
        }),
      ),
    );
    const wait = pacer.delay();
    if (burst.length >= 64 || wait > 0) {
      await Promise.all(burst.splice(0));
      await sleep(wait);
      // Pace on the receive queue of the service's socket: never near its 8 MB buffer.
      const since = Date.now();
      while (!stopped(state) && (udpSocketRow(port)?.rxQueue ?? 0) > UDP_QUEUE_LIMIT_BYTES) {
        if (Date.now() - since > STALL_MS) state.stalled = `the UDP socket was not read for ${STALL_MS / 1000} s`;
        await sleep(2);
      }
    }
  }
  await Promise.all(burst);
  socket.close();
}

/** Undefined when the service no longer accepts connections (it is gone: the watch reports it). */
async function connectTcp(port: number): Promise<net.Socket | undefined> {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  const connected = await new Promise<boolean>((resolve) => {
    socket.once('connect', () => resolve(true));
    socket.once('error', () => resolve(false));
  });
  return connected ? socket : undefined;
}

async function write(socket: net.Socket, bytes: Buffer, state: RunState): Promise<void> {
  if (socket.write(bytes)) return;
  const since = Date.now();
  while (!stopped(state) && socket.writableNeedDrain && !socket.destroyed) {
    if (Date.now() - since > STALL_MS) {
      state.stalled = `a TCP connection was not read for ${STALL_MS / 1000} s`;
      socket.destroy();
      return;
    }
    // Woken once a second as well, to notice a dead service whose socket never drains.
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        socket.off('drain', done);
        resolve();
      };
      const timer = setTimeout(done, 1000);
      socket.once('drain', done);
    });
  }
}

/** Ends our side and waits for the service to close its side, which it does only once it has read to the end. */
async function endTcp(socket: net.Socket, state: RunState): Promise<void> {
  const closed = await new Promise<boolean>((resolve) => {
    if (socket.destroyed) return resolve(true);
    const timer = setTimeout(() => resolve(false), STALL_MS);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
    socket.end();
  });
  if (!closed) {
    state.stalled ??= `a TCP connection was not read to its end within ${STALL_MS / 1000} s`;
    socket.destroy();
  }
}

/** One long-lived newline-framed connection; units are written in chunks of about 64 KiB. */
async function sendTcp(port: number, units: Iterable<HostileUnit>, pacer: Pacer, state: RunState, record: (unit: HostileUnit) => void): Promise<void> {
  const socket = await connectTcp(port);
  if (!socket) return;
  let chunk: HostileUnit[] = [];
  let bytes = 0;
  const flush = async () => {
    await write(socket, Buffer.concat(chunk.map((unit) => unit.bytes)), state);
    for (const unit of chunk) record(unit);
    chunk = [];
    bytes = 0;
  };
  for (const unit of units) {
    if (stopped(state) || socket.destroyed) break;
    chunk.push(unit);
    bytes += unit.bytes.length;
    const wait = pacer.delay();
    if (bytes >= 64 * 1024 || wait > 0) {
      await flush();
      await sleep(wait);
    }
  }
  if (chunk.length > 0 && !stopped(state)) await flush();
  await endTcp(socket, state);
}

/** Short connections of the framing class, two at a time, until `budget` units are sent. */
async function sendTcpFraming(port: number, random: RandomSource, budget: number, pacer: Pacer, state: RunState, record: (unit: HostileUnit) => void): Promise<void> {
  let planned = 0;
  const scripts: HostileUnit[][] = [];
  while (planned < budget) {
    const script = tcpFramingConnection(random, MAX_LINE_BYTES).slice(0, budget - planned);
    planned += script.length;
    scripts.push(script);
  }
  const worker = async () => {
    for (let script = scripts.shift(); script && !stopped(state); script = scripts.shift()) {
      const socket = await connectTcp(port);
      if (!socket) break;
      for (const unit of script) {
        await write(socket, unit.bytes, state);
        record(unit);
        await sleep(pacer.delay());
      }
      await endTcp(socket, state);
    }
  };
  await Promise.all([worker(), worker()]);
}

async function sendHttp(baseUrl: string, token: string, units: Iterable<HostileUnit>, pacer: Pacer, state: RunState, record: (unit: HostileUnit) => void, figures: FuzzReport['http']): Promise<void> {
  let batch: HostileUnit[] = [];
  let bytes = 0;
  const post = async () => {
    // A body that is one JSON array is taken as its elements: only a lone record can make one.
    const firstNotArray = batch.findIndex((unit) => unit.bytes[0] !== 0x5b);
    if (firstNotArray > 0) [batch[0], batch[firstNotArray]] = [batch[firstNotArray]!, batch[0]!];
    if (batch.length === 1 && batch[0]!.bytes[0] === 0x5b) batch[0] = { ...batch[0]!, expected: arrayLength(batch[0]!.bytes) ?? 1 };
    const body = Buffer.concat(batch.flatMap((unit) => [unit.bytes, Buffer.from('\n')]));
    const since = Date.now();
    for (;;) {
      figures.requests++;
      const { status, text } = await postIngest(`${baseUrl}/api/v1/ingest`, token, body);
      const label = status === 0 ? `no answer (${text.slice(0, 120)})` : String(status);
      figures.statuses[label] = (figures.statuses[label] ?? 0) + 1;
      if (status === 503 && Date.now() - since > STALL_MS) state.stalled = `HTTP ingest answered only 503 for ${STALL_MS / 1000} s`;
      if (status === 503 && !stopped(state)) {
        figures.busyRetries++;
        await sleep(100);
        continue;
      }
      if (status === 202) {
        const answer = JSON.parse(text) as { accepted: number; rejected: number };
        if (answer.accepted + answer.rejected !== batch.length) figures.answerMismatches++;
      } else {
        figures.refusedRecords += batch.length;
      }
      break;
    }
    for (const unit of batch) record(unit);
    batch = [];
    bytes = 0;
  };
  for (const unit of units) {
    if (stopped(state)) break;
    if (batch.length > 0 && (batch.length >= HTTP_BATCH_RECORDS || bytes + unit.bytes.length > HTTP_BATCH_BYTES)) await post();
    if (stopped(state)) break;
    batch.push(unit);
    bytes += unit.bytes.length;
    const wait = pacer.delay();
    if (wait > 0) {
      await post();
      await sleep(wait);
    }
  }
  if (batch.length > 0 && !stopped(state)) await post();
}

/**
 * One request on a fresh connection: a pooled keep-alive socket that the server closes while the
 * sender paces would fail with ECONNRESET, a loss of the sender's making. Status 0: no answer.
 */
function postIngest(url: string, token: string, body: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const request = http.request(url, { method: 'POST', agent: false, timeout: 300_000, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson', 'content-length': body.length } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', (error) => resolve({ status: 0, text: error.message }));
    });
    request.on('timeout', () => request.destroy(new Error('no answer within 300 s')));
    request.on('error', (error) => resolve({ status: 0, text: error.message }));
    request.end(body);
  });
}

/** Spreads a sender's units evenly over time; `delay()` counts one unit and says how long to wait before the next. */
class Pacer {
  private sent = 0;
  private readonly started = Date.now();

  constructor(private readonly perSecond: number) {}

  delay(): number {
    if (this.perSecond <= 0) return 0;
    this.sent++;
    const wait = this.started + (this.sent / this.perSecond) * 1000 - Date.now();
    // Waits shorter than a timer tick are taken together with the next ones.
    return wait > 10 ? wait : 0;
  }
}

function arrayLength(bytes: Buffer): number | undefined {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8').trim());
    return Array.isArray(value) ? value.length : undefined;
  } catch {
    return undefined;
  }
}
