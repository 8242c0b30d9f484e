import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@elastic/elasticsearch';
import { ElasticsearchStore } from '../../adapters/store/elasticsearch/elasticsearch-store.js';
import { prepareDemo } from '../../cli/demo/prepare.js';
import { DEMO_ORGANISATIONS } from '../../cli/demo/demo-constituency.js';
import { createAttributor } from '../../collectors/attribution/attributor.js';
import { normaliseEvent } from '../../collectors/normalise-event.js';
import { getParser } from '../../collectors/parsers/registry.js';
import { systemClock } from '../../core/clock.js';
import { loadConfig } from '../../core/config.js';
import { silentLogger } from '../../core/logging.js';
import { DetectionEngine } from '../../detectors/detection-engine.js';
import { ELASTICSEARCH_URL, KAFKA_BROKERS } from '../support/services.js';
import { freePort, startServiceProcess, type ServiceProcess } from '../support/service-process.js';
import type { SyslogSender } from '../support/syslog-sender.js';

const run = promisify(execFile);

/**
 * Shared by the distributed end-to-end and fault suites: a Lagebild split into real `lagebild start
 * --only ROLE` processes on the real Kafka and Elasticsearch, input whose outcome is known exactly,
 * and a probe that reads what ended up in Elasticsearch.
 */

export const DEMO_PASSWORD = 'distributed-test-password';
const JWT_SECRET = 'distributed-test-secret-0123456789abcdef';

/** Kafka topics and consumer groups are fixed names; isolation comes from a fresh index prefix. */
export function uniquePrefix(name: string): string {
  return `lbt-${name}-${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

const TAIL_LINE_CHARS = 300;
const MISSING_KEYS_SHOWN = 6;

export class Cluster {
  readonly dataDir = mkdtempSync(path.join(os.tmpdir(), 'lagebild-distributed-'));
  private readonly processes = new Map<string, ServiceProcess>();
  private ports: { http: number; syslog: number } | undefined;

  constructor(readonly prefix: string) {}

  env(): Record<string, string> {
    return {
      LAGEBILD_BUS: 'kafka',
      KAFKA_BROKERS: KAFKA_BROKERS.join(','),
      LAGEBILD_STORE: 'elasticsearch',
      ELASTICSEARCH_URL,
      LAGEBILD_ES_INDEX_PREFIX: this.prefix,
      LAGEBILD_HTTP_PORT: String(this.ports!.http),
      LAGEBILD_SYSLOG_PORT: String(this.ports!.syslog),
      LAGEBILD_DATA_DIR: this.dataDir,
      LAGEBILD_JWT_SECRET: JWT_SECRET,
      LAGEBILD_DEMO_PASSWORD: DEMO_PASSWORD,
    };
  }

  /** Starts (or restarts) the process for `roles`; fixed ports keep its address across restarts. */
  async start(roles: string, options: { demo?: boolean } = {}): Promise<ServiceProcess> {
    this.ports ??= { http: await freePort(), syslog: await freePort() };
    const started = await startServiceProcess({
      roles,
      env: this.env(),
      demo: options.demo,
      logFile: this.logFile(roles),
      readyTimeoutMs: 90_000,
    });
    this.processes.set(roles, started);
    return started;
  }

  get(roles: string): ServiceProcess {
    const found = this.processes.get(roles);
    if (!found) throw new Error(`no process for ${roles}`);
    return found;
  }

  get syslogPort(): number {
    return this.ports!.syslog;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.ports!.http}`;
  }

  /** The demo constituency (for attribution) and demo users, written straight into the store. */
  async seed(): Promise<void> {
    const store = new ElasticsearchStore({ url: ELASTICSEARCH_URL, indexPrefix: this.prefix, logger: silentLogger() });
    await store.init();
    const config = loadConfig({ LAGEBILD_DEMO_PASSWORD: DEMO_PASSWORD, LAGEBILD_DATA_DIR: this.dataDir });
    await prepareDemo(store, config, systemClock, { quiet: true });
    await store.close();
  }

  /** Clean stop (SIGTERM: drain and commit) so that the next suite's consumers get the partitions at once. */
  async stopAll(): Promise<void> {
    for (const running of [...this.processes.values()].reverse()) await running.stop();
    this.processes.clear();
  }

  /** Every start of `roles` appends to one file, kept after the run for reading a failure in full. */
  logFile(roles: string): string {
    return path.join(this.dataDir, `${roles.replaceAll(',', '+')}.log`);
  }

  /**
   * The end of every process's output, for a failure message. Lines are cut short (kafkajs logs
   * stacks of kilobytes) so that the tails do not push the verdict out of a truncated CI log.
   */
  tails(): string {
    const cut = (line: string) => (line.length > TAIL_LINE_CHARS ? `${line.slice(0, TAIL_LINE_CHARS)}…` : line);
    return [...this.processes.values()].map((running) => `--- ${running.roles} (pid ${running.pid}, whole log in ${this.logFile(running.roles)}) ---\n${running.tail(15).split('\n').map(cut).join('\n')}`).join('\n');
  }
}

export interface Workload {
  lines: string[];
  /** The addresses that log in as root: each must end as exactly one alert per rule that matches it. */
  rootIps: string[];
  host: string;
}

/**
 * `total` RFC 5424 sshd lines from one host of Radebeul (10.51.0.0/16): `rootLogins` root logins, one
 * per address 10.51.SUBNET.1…, spread evenly, and connection-closed noise that matches no rule. Every
 * line is distinct (the port is its sequence number), so every line is one event.
 */
export function workload(options: { host: string; subnet: number; total: number; rootLogins: number }): Workload {
  const { host, subnet, total, rootLogins } = options;
  const every = Math.floor(total / rootLogins);
  const lines: string[] = [];
  const rootIps: string[] = [];
  for (let seq = 0; seq < total; seq++) {
    const at = new Date().toISOString();
    let message: string;
    if (seq % every === every - 1 && rootIps.length < rootLogins) {
      const ip = `10.51.${subnet}.${rootIps.length + 1}`;
      rootIps.push(ip);
      message = `Accepted password for root from ${ip} port ${seq + 1} ssh2`;
    } else {
      message = `Connection closed by 10.51.${subnet}.250 port ${seq + 1} [preauth]`;
    }
    lines.push(`<38>1 ${at} ${host} sshd 4242 - - ${message}`);
  }
  return { lines, rootIps, host };
}

/** `rule id|source ip` pairs: what the service must produce exactly once. */
export type AlertKey = string;

/**
 * The alerts the workload must produce, computed with the same parser, attribution and rules the
 * service uses, in this process. Only single-event rules may fire: a correlation's window state does
 * not survive a crashed detector, so its outcome would not be exact. Every alert names the
 * workload's host, so all of them tell one story: they must end in exactly one incident.
 */
export async function expectedAlerts(work: Workload): Promise<{ keys: Set<AlertKey>; rootLoginRuleId: string }> {
  const { engine } = await DetectionEngine.load(path.resolve('rules'));
  const parser = getParser('auto')!;
  const attributor = createAttributor(DEMO_ORGANISATIONS);
  const keys = new Set<AlertKey>();
  let rootLoginRuleId = '';
  for (const line of work.lines) {
    const outcome = parser.parse(line, { receivedAt: new Date() });
    if (!outcome.ok) throw new Error(`workload line does not parse: ${outcome.reason}`);
    for (const alert of engine.process(normaliseEvent(outcome.event, new Date(), attributor))) {
      if (alert.rule.type !== 'sigma') throw new Error(`workload must only match single-event rules, matched ${alert.rule.title}`);
      const ip = alert.events?.[0]?.source?.ip;
      keys.add(`${alert.rule.id}|${String(ip)}`);
      if (alert.rule.title === 'Direct SSH login as root') rootLoginRuleId = alert.rule.id;
    }
  }
  return { keys, rootLoginRuleId };
}

export interface Outcome {
  events: number;
  /** `rule id|source ip` → how many alerts. */
  alerts: Map<AlertKey, number>;
  /** The workload's alerts as stored. */
  alertIds: string[];
  /** The open incidents naming the workload's host (one story: there must be one), and what they hold. */
  story: { incidents: number; alertIds: string[]; alertCount: number; ruleIds: string[] };
}

/** Reads Elasticsearch directly, under the test's own prefix. */
export class Probe {
  private readonly client = new Client({ node: ELASTICSEARCH_URL, requestTimeout: 10_000, maxRetries: 0 });

  constructor(private readonly prefix: string) {}

  async outcome(work: Workload): Promise<Outcome> {
    await this.client.indices.refresh({ index: `${this.prefix}-*`, ignore_unavailable: true, allow_no_indices: true });
    const events = await this.client.count({ index: `${this.prefix}-events-*`, ignore_unavailable: true, allow_no_indices: true, query: { term: { 'host.name': work.host } } });
    const ips = new Set(work.rootIps);
    const alertHits = await this.client.search<{ rule: { id: string }; events?: { source?: { ip?: string } }[] }>({
      index: `${this.prefix}-alerts-*`,
      ignore_unavailable: true,
      allow_no_indices: true,
      size: 10_000,
      _source: ['rule.id', 'events.source.ip'],
    });
    const alerts = new Map<AlertKey, number>();
    const alertIds: string[] = [];
    for (const hit of alertHits.hits.hits) {
      const ip = hit._source?.events?.[0]?.source?.ip;
      if (!ip || !ips.has(ip)) continue;
      const key = `${hit._source!.rule.id}|${ip}`;
      alerts.set(key, (alerts.get(key) ?? 0) + 1);
      alertIds.push(hit._id!);
    }
    const incidentHits = await this.client.search<{ alertIds: string[]; alertCount: number; ruleIds?: string[] }>({
      index: `${this.prefix}-incidents`,
      ignore_unavailable: true,
      size: 10_000,
      query: { bool: { filter: [{ term: { entities: `host.name=${work.host.toLowerCase()}` } }], must_not: [{ exists: { field: 'mergedInto' } }] } },
      _source: ['alertIds', 'alertCount', 'ruleIds'],
    });
    const open = incidentHits.hits.hits.flatMap((hit) => (hit._source === undefined ? [] : [hit._source]));
    const story = {
      incidents: open.length,
      alertIds: open.flatMap((incident) => incident.alertIds),
      alertCount: open.reduce((sum, incident) => sum + incident.alertCount, 0),
      ruleIds: [...new Set(open.flatMap((incident) => incident.ruleIds ?? []))],
    };
    return { events: events.count, alerts, alertIds, story };
  }

  /** Polls until the outcome is complete (every event archived, every expected alert and incident present). */
  async waitForComplete(work: Workload, expected: { keys: Set<AlertKey> }, timeoutMs: number, what: () => string): Promise<Outcome> {
    const deadline = Date.now() + timeoutMs;
    let last: Outcome | undefined;
    let lastError: unknown;
    while (Date.now() < deadline) {
      try {
        last = await this.outcome(work);
        if (last.events >= work.lines.length && last.alerts.size >= expected.keys.size && last.story.alertIds.length >= expected.keys.size) return last;
      } catch (error) {
        lastError = error; // Elasticsearch may be down on purpose.
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    // A few keys name the failure; all 80 of a pipeline that stalled early would only bury the counts.
    const missing = (keys: Iterable<string>, present: Map<string, unknown>) => {
      const absent = [...keys].filter((key) => !present.has(key));
      if (absent.length === 0) return 'none';
      return absent.slice(0, MISSING_KEYS_SHOWN).join(', ') + (absent.length > MISSING_KEYS_SHOWN ? ` and ${absent.length - MISSING_KEYS_SHOWN} more` : '');
    };
    const seen = last
      ? `events ${last.events}/${work.lines.length}, alert keys ${last.alerts.size}/${expected.keys.size} (missing: ${missing(expected.keys, last.alerts)}), ` +
        `alerts in the story ${last.story.alertIds.length}/${expected.keys.size} in ${last.story.incidents} incidents`
      : `no answer (${String(lastError)})`;
    const verdict = `pipeline incomplete after ${timeoutMs} ms: ${seen}`;
    // Said again after the process output: a truncated CI log keeps the end of a failure, not its start.
    throw new Error(`${verdict}\n${what()}\n${verdict}`);
  }

  async deleteIndices(): Promise<void> {
    await this.client.indices.delete({ index: `${this.prefix}-*`, ignore_unavailable: true, allow_no_indices: true }).catch(() => undefined);
    await this.client.indices.deleteIndexTemplate({ name: `${this.prefix}-*` }).catch(() => undefined);
  }

  close(): Promise<void> {
    return this.client.close();
  }
}


/** Prints a throughput figure for the report: lines sent / time until everything was stored. */
export function reportRate(label: string, lines: number, elapsedMs: number): number {
  const rate = Math.round((lines / elapsedMs) * 1000);
  process.stdout.write(`      [figure] ${label}: ${lines} lines in ${(elapsedMs / 1000).toFixed(1)} s = ${rate} events/s\n`);
  return rate;
}

/** Sends in slices of a tenth of a second so that lines are still flowing while a fault is injected. */
export async function sendPaced(sender: SyslogSender, lines: string[], linesPerSecond: number): Promise<void> {
  const slice = Math.max(1, Math.round(linesPerSecond / 10));
  for (let start = 0; start < lines.length; start += slice) {
    const begun = Date.now();
    await sender.send(lines.slice(start, start + slice));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 100 - (Date.now() - begun))));
  }
}

/**
 * `scripts/services ACTION SERVICE`, the same script CI and developers use. It only stops what this
 * tree's `scripts/services` started: a service another checkout (or anything else) runs on the same
 * port is left alone, and a fault test would then pass or fail without its fault ever happening.
 */
export async function services(action: 'start' | 'stop' | 'restart', service: 'kafka' | 'elasticsearch'): Promise<void> {
  const { stdout } = await run('bash', ['scripts/services', action, service], { timeout: 240_000 });
  if (action !== 'start' && stdout.includes('not running (started by this script)')) {
    throw new Error(`cannot ${action} ${service}: it was not started by this tree's scripts/services, so the fault would not happen (${stdout.trim()})`);
  }
}
