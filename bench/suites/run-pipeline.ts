import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../core/config.js';
import { ALL } from '../../core/domain/scope.js';
import { createLogger } from '../../core/logging.js';
import { startService } from '../../cli/service.js';
import { percentiles } from '../percentiles.js';
import { progress } from '../progress.js';
import { createConstituency } from '../traffic/constituency.js';
import { generateTraffic } from '../traffic/generate-traffic.js';
import { sshdLine } from '../traffic/log-line-formats.js';

export interface PipelineRun {
  offeredEventsPerSecond: number;
  sentLines: number;
  /** Below the offered rate when TCP backpressure held the sender back. */
  sendRatePerSecond: number;
  sendSeconds: number;
  archivedEvents: number;
  /** Events archived over the time from the first send until the archive held them all (or the wait ran out). */
  sustainedEventsPerSecond: number;
  probes: number;
  probesSeen: number;
  latencyMs: Record<string, number>;
  /** Highest resident set size of this process (service and sender) sampled every 250 ms during the run. */
  rssPeakMiB: number;
}

const PROBE_RULE = 'Direct SSH login as root';

/**
 * The whole service in this process (collectors + detectors roles) on the configured bus and store:
 * background lines of 20 organisations go over one TCP syslog connection at a fixed offered rate for
 * `seconds`; every 50 ms a probe line goes with them — a root SSH login from a fresh internal address,
 * which the shipped rule `ssh_root_login` turns into an alert and an incident of its own. Latency is
 * the incident's `createdAt` minus the probe's send time; throughput is read from the event archive.
 */
export async function runPipeline(suite: string, env: Record<string, string>, offeredEventsPerSecond: number, seconds: number): Promise<PipelineRun> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lagebild-bench-'));
  const config = loadConfig({ LAGEBILD_DATA_DIR: dataDir, LAGEBILD_SYSLOG_PORT: '0', LAGEBILD_HTTP_PORT: '0', LAGEBILD_BIND_ADDRESS: '127.0.0.1', LAGEBILD_RULES_DIR: path.resolve('rules'), LAGEBILD_LOG_LEVEL: 'warn', ...env }, {});
  const constituency = createConstituency(20);
  const service = await startService({
    config,
    roles: ['collectors', 'detectors'],
    logger: createLogger({ level: 'warn' }),
    prepare: async ({ store }) => {
      for (const org of constituency) await store.organisations.upsert(org.organisation);
    },
  });
  let rssPeak = process.memoryUsage.rss();
  const rssSampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage.rss())), 250);
  try {
    const archivedAtStart = await service.store.events.count(ALL);
    const total = offeredEventsPerSecond * seconds;
    const startMs = Date.now() + 2000;
    progress(suite, `generating ${total} lines`);
    const traffic = generateTraffic({ organisations: 20, linesPerOrganisation: Math.ceil(total / 20), startMs, durationMs: seconds * 1000, attacksPerScenario: 0, seed: 5 });
    const lines = traffic.lines.slice(0, total);
    const socket = net.connect(service.syslogTcpPort!, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const probes = new Map<string, number>();
    let sent = 0;
    let probeSeq = 0;
    const started = Date.now();
    let lastReport = started;
    const tickMs = 50;
    // Sending stops at the deadline even if backpressure held it back: the shortfall is a finding.
    while (sent < lines.length && Date.now() - started < seconds * 1000) {
      // At most one tick's worth per write, so that probes stay spread even when the sender falls behind.
      const due = Math.min(lines.length, Math.round(((Date.now() - started) / 1000) * offeredEventsPerSecond) + 1, sent + Math.ceil((offeredEventsPerSecond * tickMs) / 1000));
      const chunk: string[] = [];
      for (; sent < due; sent++) chunk.push(lines[sent]!.text);
      const org = constituency[probeSeq % constituency.length]!;
      const address = `${org.internalPrefix}.${(Math.floor(probeSeq / constituency.length) % 250) + 2}`;
      const now = Date.now();
      // The probe goes first: the framer picks newline framing from a connection's first byte, and a
      // headerless BIND or Squid line starts with a digit, which means octet counting (RFC 6587).
      chunk.unshift(sshdLine(now, `probe${probeSeq}`, 4000 + (probeSeq % 1000), `Accepted password for root from ${address} port ${10000 + probeSeq} ssh2`));
      probes.set(`source.ip=${address}`, now);
      probeSeq++;
      if (!socket.write(`${chunk.join('\n')}\n`)) await new Promise<void>((resolve) => {
        socket.once('drain', () => resolve());
        setTimeout(resolve, Math.max(0, started + seconds * 1000 - Date.now()));
      });
      else await new Promise((resolve) => setTimeout(resolve, tickMs));
      if (Date.now() - lastReport > 5000) {
        lastReport = Date.now();
        progress(suite, `sent ${sent}/${lines.length}`);
      }
    }
    const sendSeconds = (Date.now() - started) / 1000;
    socket.end();
    const expected = archivedAtStart + sent + probeSeq;
    let archived = archivedAtStart;
    let doneAt = Date.now();
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      archived = await service.store.events.count(ALL);
      doneAt = Date.now();
      if (archived >= expected) break;
      progress(suite, `waiting for the archive: ${archived - archivedAtStart}/${expected - archivedAtStart}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    // Probes are unique per run only within its addresses: keep the incidents created after the start.
    const latencies: number[] = [];
    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await service.store.incidents.list({ sort: 'createdAt', order: 'desc', limit: 500, from: new Date(started - 1000).toISOString(), ...(cursor ? { cursor } : {}) }, ALL);
      for (const incident of page.items) {
        const sentAt = probes.get(incident.entity);
        if (incident.ruleTitle !== PROBE_RULE || sentAt === undefined || seen.has(incident.entity) || Date.parse(incident.createdAt) < started) continue;
        seen.add(incident.entity);
        latencies.push(Date.parse(incident.createdAt) - sentAt);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const eventsArchived = archived - archivedAtStart;
    return {
      offeredEventsPerSecond,
      sentLines: sent + probeSeq,
      sendRatePerSecond: Math.round((sent + probeSeq) / sendSeconds),
      sendSeconds: Math.round(sendSeconds * 10) / 10,
      archivedEvents: eventsArchived,
      sustainedEventsPerSecond: Math.round(eventsArchived / ((doneAt - started) / 1000)),
      probes: probes.size,
      probesSeen: latencies.length,
      latencyMs: percentiles(latencies, [50, 90, 99, 100]),
      rssPeakMiB: Math.round(rssPeak / 1024 / 1024),
    };
  } finally {
    clearInterval(rssSampler);
    await service.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export interface LoadCurve {
  /** The run offered more than the service can take: its sustained rate is the saturation rate. */
  saturation: PipelineRun;
  /** Runs offered shares of the saturation rate, in the order of `shares`. */
  sweep: PipelineRun[];
  atEightyPercent: PipelineRun;
}

/**
 * Throughput and latency against offered load: one run offered `overload` for 40 s, then one run of
 * 30 s at each share of the rate it sustained (80 % always among them). Each run gets its own
 * settings from `envOfRun`: probes repeat their addresses from run to run, and a store kept across
 * runs would fold them into the incidents of the run before instead of opening new ones.
 */
export async function runLoadCurve(suite: string, envOfRun: (run: number) => Record<string, string>, overload: number, shares: number[] = [0.25, 0.5, 0.8]): Promise<LoadCurve> {
  const saturation = await runPipeline(suite, envOfRun(0), overload, 40);
  progress(suite, `saturation (offered ${overload}): ${describeRun(saturation)}`);
  const all = [...new Set([...shares, 0.8])].sort((a, b) => a - b);
  const sweep: PipelineRun[] = [];
  for (const [index, share] of all.entries()) {
    const run = await runPipeline(suite, envOfRun(index + 1), Math.round(saturation.sustainedEventsPerSecond * share), 30);
    progress(suite, `${Math.round(share * 100)} % of saturation: ${describeRun(run)}`);
    sweep.push(run);
  }
  return { saturation, sweep, atEightyPercent: sweep[all.indexOf(0.8)]! };
}

function describeRun(run: PipelineRun): string {
  return `sustained ${run.sustainedEventsPerSecond} ev/s, latency ${JSON.stringify(run.latencyMs)} (${run.probesSeen}/${run.probes} probes), RSS peak ${run.rssPeakMiB} MiB`;
}
