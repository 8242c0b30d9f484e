import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startServiceProcess, type ServiceProcess } from './service-process.js';

const DEMO_PASSWORD = 'security-test-password';

export interface SpawnedLagebild {
  readonly process: ServiceProcess;
  readonly baseUrl: string;
  readonly syslogPort: number;
  /** The sum of the series of `name` on /metrics that carry `labels` (0 while there is none). */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  /** How long GET /healthz took to answer 200, in milliseconds. */
  healthzMs(): Promise<number>;
  /** An ingest token of a log source of the first demo organisation, created through the API. */
  sourceToken(): Promise<string>;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * A real `lagebild start --demo` child process on free ports with its own data dir, driven from the
 * outside as an attacker would: sockets and HTTP only. `env` sets limits for the test.
 */
export async function startSpawnedLagebild(options: { roles?: string; env?: Record<string, string> } = {}): Promise<SpawnedLagebild> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lagebild-security-'));
  const logFile = path.join(dataDir, 'lagebild.log');
  const httpPort = await freePort();
  const syslogPort = await freePort();
  const running = await startServiceProcess({
    roles: options.roles ?? 'api,collectors',
    demo: true,
    logFile,
    env: {
      LAGEBILD_DATA_DIR: dataDir,
      LAGEBILD_HTTP_PORT: String(httpPort),
      LAGEBILD_SYSLOG_PORT: String(syslogPort),
      LAGEBILD_DEMO_PASSWORD: DEMO_PASSWORD,
      LAGEBILD_JWT_SECRET: 'security-test-secret-0123456789abcdef',
      ...options.env,
    },
  });
  const baseUrl = `http://127.0.0.1:${httpPort}`;

  async function api<T>(method: string, pathname: string, token?: string, body?: unknown): Promise<T> {
    const response = await fetch(baseUrl + pathname, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  return {
    process: running,
    baseUrl,
    syslogPort,
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
    async sourceToken() {
      const { accessToken } = await api<{ accessToken: string }>('POST', '/api/v1/auth/login', undefined, { username: 'admin', password: DEMO_PASSWORD });
      const { items } = await api<{ items: { id: string }[] }>('GET', '/api/v1/organisations', accessToken);
      const { token } = await api<{ token: string }>('POST', '/api/v1/log-sources', accessToken, { organizationId: items[0]!.id, name: `security test ${Date.now()}` });
      return token;
    },
    output: () => readFileSync(logFile, 'utf8'),
    async stop() {
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
