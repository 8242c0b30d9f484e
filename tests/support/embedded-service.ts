import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prepareDemo } from '../../cli/demo/prepare.js';
import { startService, type RunningService } from '../../cli/service.js';
import { loadConfig, ROLE_NAMES } from '../../core/config.js';
import { silentLogger } from '../../core/logging.js';

export const TEST_DEMO_PASSWORD = 'demo-test-password';

export interface TestService {
  service: RunningService;
  baseUrl: string;
  dataDir: string;
  login(username: string): Promise<string>;
  getJson<T>(pathname: string, token: string): Promise<T>;
  stop(): Promise<void>;
}

/**
 * The whole service in this process on ephemeral ports, with the demo constituency and users;
 * `dataDir` may be given to restart on the data of an earlier run.
 */
export async function startTestService(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<TestService> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'lagebild-test-'));
  const config = loadConfig({ LAGEBILD_HTTP_PORT: '0', LAGEBILD_SYSLOG_PORT: '0', LAGEBILD_DATA_DIR: dataDir, LAGEBILD_DEMO_PASSWORD: TEST_DEMO_PASSWORD, LAGEBILD_LOG_LEVEL: 'silent', ...options.env });
  const service = await startService({ config, roles: ROLE_NAMES, logger: silentLogger(), prepare: ({ store, clock }) => prepareDemo(store, config, clock, { quiet: true }) });
  const baseUrl = `http://127.0.0.1:${service.httpPort}`;
  const login = async (username: string) => {
    const response = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: TEST_DEMO_PASSWORD }) });
    if (!response.ok) throw new Error(`login of ${username} failed: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { accessToken: string }).accessToken;
  };
  const getJson = async <T>(pathname: string, token: string) => {
    const response = await fetch(`${baseUrl}${pathname}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`GET ${pathname}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  return { service, baseUrl, dataDir, login, getJson, stop: () => service.stop() };
}

/** Polls until `probe` returns a value that is not undefined, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}
