import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startServiceProcess, type ServiceProcess } from './service-process.js';

export const DEMO_PASSWORD = 'hostile-input-demo-password';

export interface RunningLagebild {
  process: ServiceProcess;
  baseUrl: string;
  syslogPort: number;
  dataDir: string;
  /** Authenticated JSON request as a demo user. */
  api<T = unknown>(method: string, route: string, options?: { user?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string | Buffer }): Promise<{ status: number; body: T; headers: Headers }>;
  /** One Prometheus sample: the sum of every series of `name` whose labels include `labels`. */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  stop(): Promise<void>;
}

/**
 * A `lagebild start --demo` child process on free ports with its own data directory, attacked from
 * outside as a sender or user would. `rules` replaces the rule directory with the given Sigma files,
 * so that the only alerts are the ones a test provokes.
 */
export async function startRunningLagebild(options: { roles?: string; env?: Record<string, string>; rules?: Record<string, string>; logName: string }): Promise<RunningLagebild> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lagebild-security-'));
  const env: Record<string, string> = {
    LAGEBILD_DATA_DIR: dataDir,
    LAGEBILD_HTTP_PORT: String(await freePort()),
    LAGEBILD_SYSLOG_PORT: String(await freePort()),
    LAGEBILD_DEMO_PASSWORD: DEMO_PASSWORD,
    LAGEBILD_JWT_SECRET: 'a-secret-only-for-the-hostile-input-tests-0123456789',
    ...options.env,
  };
  if (options.rules) {
    const rulesDir = path.join(dataDir, 'rules');
    mkdirSync(path.join(rulesDir, 'sigma'), { recursive: true });
    for (const [name, text] of Object.entries(options.rules)) writeFileSync(path.join(rulesDir, 'sigma', name), text);
    env.LAGEBILD_RULES_DIR = rulesDir;
  }
  const child = await startServiceProcess({ roles: options.roles ?? 'api,collectors,detectors', env, demo: true, readyTimeoutMs: 120_000, logFile: path.resolve('test-artifacts', 'security', `${options.logName}.log`) });
  const baseUrl = `http://127.0.0.1:${child.httpPort}`;
  const tokens = new Map<string, string>();
  const login = async (user: string) => {
    const response = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user, password: DEMO_PASSWORD }) });
    if (response.status !== 200) throw new Error(`login as ${user}: ${response.status} ${await response.text()}`);
    const token = ((await response.json()) as { accessToken: string }).accessToken;
    tokens.set(user, token);
    return token;
  };
  return {
    process: child,
    baseUrl,
    syslogPort: child.syslogPort!,
    dataDir,
    async api<T>(method: string, route: string, request: { user?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string | Buffer } = {}) {
      const user = request.user ?? 'analyst';
      const token = tokens.get(user) ?? (await login(user));
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...request.headers };
      let body: string | Buffer | undefined = request.rawBody;
      if (request.body !== undefined) {
        body = JSON.stringify(request.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(baseUrl + route, { method, headers, body });
      const text = await response.text();
      return { status: response.status, body: (/json/.test(response.headers.get('content-type') ?? '') && text !== '' ? JSON.parse(text) : text) as T, headers: response.headers };
    },
    async metric(name, labels = {}) {
      const text = await (await fetch(`${baseUrl}/metrics`)).text();
      let sum = 0;
      for (const line of text.split('\n')) {
        if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
        const wanted = Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`));
        if (wanted) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
      }
      return sum;
    },
    async stop() {
      await child.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
