import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startServiceProcess, type ServiceProcess } from './service-process.js';

export const SPAWNED_DEMO_PASSWORD = 'spawned-demo-password';

export interface HttpAnswer {
  status: number;
  /** Parsed JSON when the answer is JSON, else the text. */
  body: unknown;
  text: string;
  headers: Headers;
}

export interface SpawnedLagebild {
  readonly process: ServiceProcess;
  readonly baseUrl: string;
  readonly syslogPort: number;
  readonly dataDir: string;
  /** Logs in through the API; every demo user has the same password. */
  login(username: string, password?: string): Promise<string>;
  request(method: string, pathAndQuery: string, token: string, body?: unknown): Promise<HttpAnswer>;
  /** Like `request`, but throws unless the answer is 2xx: for setting up, not for the attack. */
  call<T>(method: string, pathAndQuery: string, token: string, body?: unknown): Promise<T>;
  /** The sum of the series of `name` on /metrics that carry `labels` (0 while there is none). */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  /** How long GET /healthz took to answer 200, in milliseconds. */
  healthzMs(): Promise<number>;
  /** An ingest token of a new log source of the organisation (default: the first demo organisation). */
  sourceToken(organizationId?: string, parser?: string): Promise<string>;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  /** Comma-separated roles for `--only`; default `api,collectors`. */
  roles?: string;
  env?: Record<string, string>;
  /** Replaces the rule directory with these Sigma files (name → YAML), so that only a test's own rules fire. */
  rules?: Record<string, string>;
  /** Keeps the process output in test-artifacts/security/<name>.log after the test, for reading a failure. */
  logName?: string;
  /** A data directory shared with other processes (one SQLite file, as several API instances share); kept at stop. */
  dataDir?: string;
}

/**
 * A real `lagebild start --demo` child process on free ports and a fresh data directory, driven from
 * outside as a sender, a user or an attacker would: sockets and HTTP only, nothing shared in memory.
 */
export async function startSpawnedLagebild(options: SpawnOptions = {}): Promise<SpawnedLagebild> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'lagebild-security-'));
  const logFile = options.logName ? path.resolve('test-artifacts', 'security', `${options.logName}.log`) : path.join(dataDir, 'lagebild.log');
  const env: Record<string, string> = {
    LAGEBILD_DATA_DIR: dataDir,
    LAGEBILD_HTTP_PORT: String(await freePort()),
    LAGEBILD_SYSLOG_PORT: String(await freePort()),
    LAGEBILD_DEMO_PASSWORD: SPAWNED_DEMO_PASSWORD,
    LAGEBILD_JWT_SECRET: 'security-test-secret-0123456789abcdef',
    ...options.env,
  };
  if (options.rules) {
    const rulesDir = path.join(dataDir, 'rules');
    mkdirSync(path.join(rulesDir, 'sigma'), { recursive: true });
    for (const [name, text] of Object.entries(options.rules)) writeFileSync(path.join(rulesDir, 'sigma', name), text);
    env.LAGEBILD_RULES_DIR = rulesDir;
  }
  // A busy machine (CI runs the services beside the tests) can take a while to start Elasticsearch mode.
  const running = await startServiceProcess({ roles: options.roles ?? 'api,collectors', demo: true, logFile, env, readyTimeoutMs: 120_000 });
  const baseUrl = `http://127.0.0.1:${running.httpPort}`;

  const request = async (method: string, pathAndQuery: string, token: string, body?: unknown): Promise<HttpAnswer> => {
    const headers: Record<string, string> = token === '' ? {} : { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(baseUrl + pathAndQuery, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await response.text();
    const json = /json/.test(response.headers.get('content-type') ?? '') && text !== '';
    return { status: response.status, body: json ? (JSON.parse(text) as unknown) : text, text, headers: response.headers };
  };
  const call = async <T>(method: string, pathAndQuery: string, token: string, body?: unknown): Promise<T> => {
    const answer = await request(method, pathAndQuery, token, body);
    if (answer.status >= 300) throw new Error(`${method} ${pathAndQuery}: ${answer.status} ${answer.text}`);
    return answer.body as T;
  };
  const login = async (username: string, password = SPAWNED_DEMO_PASSWORD) => (await call<{ accessToken: string }>('POST', '/api/v1/auth/login', '', { username, password })).accessToken;

  return {
    process: running,
    baseUrl,
    syslogPort: running.syslogPort!,
    dataDir,
    login,
    request,
    call,
    async metric(name, labels = {}) {
      const text = await (await fetch(`${baseUrl}/metrics`)).text();
      const wanted = Object.entries(labels);
      let total = 0;
      for (const line of text.split('\n')) {
        const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
        if (!match || match[1] !== name) continue;
        const present = new Map([...(match[2] ?? '').matchAll(/([a-z_]+)="([^"]*)"/g)].map((label) => [label[1]!, label[2]!]));
        if (wanted.every(([key, value]) => present.get(key) === value)) total += Number(match[3]);
      }
      return total;
    },
    async healthzMs() {
      const started = performance.now();
      const response = await fetch(`${baseUrl}/healthz`);
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`/healthz answered ${response.status}`);
      return performance.now() - started;
    },
    async sourceToken(organizationId, parser) {
      const admin = await login('admin');
      const organisation = organizationId ?? (await call<{ items: { id: string }[] }>('GET', '/api/v1/organisations', admin)).items[0]!.id;
      const { token } = await call<{ token: string }>('POST', '/api/v1/log-sources', admin, { organizationId: organisation, name: `security test ${Date.now()}`, ...(parser ? { parser } : {}) });
      return token;
    },
    output: () => readFileSync(logFile, 'utf8'),
    async stop() {
      await running.stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
