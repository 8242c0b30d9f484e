import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startService, type RunningService } from '../../cli/service.js';
import { prepareDemo } from '../../cli/demo/prepare.js';
import { loadConfig } from '../../core/config.js';
import { createLogger, silentLogger } from '../../core/logging.js';

export const DEMO_PASSWORD = 'e2e-demo-password-1';

export interface DemoService {
  service: RunningService;
  baseUrl: string;
  /** Logs in through the API (not the UI), for setting up and checking state behind the browser's back. */
  token(username: string): Promise<string>;
  api<T>(token: string, pathAndQuery: string, init?: RequestInit): Promise<T>;
  close(): Promise<void>;
}

/**
 * The whole service in this process, on free ports and a fresh data dir, seeded with the demo constituency.
 * E2E_LOG_LEVEL=debug shows the service's log when a test needs explaining.
 */
export async function startDemoService(options: { rulesDir?: string } = {}): Promise<DemoService> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lagebild-e2e-'));
  const config = loadConfig(
    {
      LAGEBILD_HTTP_PORT: '0',
      LAGEBILD_SYSLOG_PORT: '0',
      LAGEBILD_DATA_DIR: dataDir,
      LAGEBILD_DEMO_PASSWORD: DEMO_PASSWORD,
      LAGEBILD_JWT_SECRET: 'e2e-secret-that-is-long-enough-for-the-schema',
      LAGEBILD_LOG_LEVEL: 'silent',
      ...(options.rulesDir ? { LAGEBILD_RULES_DIR: options.rulesDir } : {}),
    },
    {},
  );
  const service = await startService({ config, roles: ['detectors', 'api'], logger: process.env.E2E_LOG_LEVEL ? createLogger({ level: process.env.E2E_LOG_LEVEL }) : silentLogger(), prepare: ({ store, clock }) => prepareDemo(store, config, clock, { quiet: true }) });
  const baseUrl = `http://127.0.0.1:${service.httpPort}`;

  async function api<T>(token: string, pathAndQuery: string, init: RequestInit = {}): Promise<T> {
    const response = await fetch(baseUrl + pathAndQuery, { ...init, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(init.headers as Record<string, string> | undefined) } });
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${pathAndQuery}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  return {
    service,
    baseUrl,
    async token(username) {
      const response = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
      if (!response.ok) throw new Error(`login ${username}: ${response.status}`);
      return ((await response.json()) as { accessToken: string }).accessToken;
    },
    api,
    async close() {
      await service.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns something, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result !== undefined) return result;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
