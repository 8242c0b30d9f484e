import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prepareDemo } from '../../cli/demo/prepare.js';
import { startService, type RunningService } from '../../cli/service.js';
import { loadConfig, ROLE_NAMES, type RoleName } from '../../core/config.js';
import { createLogger, silentLogger } from '../../core/logging.js';

export const DEMO_PASSWORD = 'demo-test-password';

export interface DemoServiceOptions {
  /** Default: every role, as `lagebild serve` runs them. */
  roles?: readonly RoleName[];
  rulesDir?: string;
  /** The data of an earlier run to start on; default a fresh temporary directory. */
  dataDir?: string;
  env?: Record<string, string>;
}

export interface DemoService {
  service: RunningService;
  baseUrl: string;
  dataDir: string;
  /** Logs in through the API (not the UI), for setting up and checking state behind the browser's back. */
  token(username: string): Promise<string>;
  api<T>(token: string, pathAndQuery: string, init?: RequestInit): Promise<T>;
  /** Stops the service and keeps its data dir, for a restart on the same data. */
  stop(): Promise<void>;
  /** Stops the service and deletes its data dir. */
  close(): Promise<void>;
}

/**
 * The whole service in this process, on free ports, seeded with the demo constituency and users.
 * E2E_LOG_LEVEL=debug shows the service's log when a test needs explaining.
 */
export async function startDemoService(options: DemoServiceOptions = {}): Promise<DemoService> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'lagebild-test-'));
  const config = loadConfig({
    LAGEBILD_HTTP_PORT: '0',
    LAGEBILD_SYSLOG_PORT: '0',
    LAGEBILD_DATA_DIR: dataDir,
    LAGEBILD_DEMO_PASSWORD: DEMO_PASSWORD,
    LAGEBILD_JWT_SECRET: 'test-secret-that-is-long-enough-for-the-schema',
    LAGEBILD_LOG_LEVEL: 'silent',
    ...(options.rulesDir ? { LAGEBILD_RULES_DIR: options.rulesDir } : {}),
    ...options.env,
  });
  const logger = process.env.E2E_LOG_LEVEL ? createLogger({ level: process.env.E2E_LOG_LEVEL }) : silentLogger();
  const service = await startService({ config, roles: options.roles ?? ROLE_NAMES, logger, prepare: ({ store, clock }) => prepareDemo(store, config, clock, { quiet: true }) });
  const baseUrl = `http://127.0.0.1:${service.httpPort}`;

  return {
    service,
    baseUrl,
    dataDir,
    async token(username) {
      const response = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
      if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { accessToken: string }).accessToken;
    },
    async api<T>(token: string, pathAndQuery: string, init: RequestInit = {}): Promise<T> {
      const response = await fetch(baseUrl + pathAndQuery, { ...init, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(init.headers as Record<string, string> | undefined) } });
      if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${pathAndQuery}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    stop: () => service.stop(),
    async close() {
      await service.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
