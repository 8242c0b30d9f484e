import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, startServiceProcess, type ServiceProcess } from '../support/service-process.js';

const PASSWORD = 'security-tests-password';

export interface SpawnedLagebild {
  process: ServiceProcess;
  baseUrl: string;
  dataDir: string;
  /** An access token of a demo user. */
  token(username: string): Promise<string>;
}

/** A real `lagebild start --demo` child process on free ports with a fresh data directory. */
export async function startSpawnedLagebild(roles: string, env: Record<string, string> = {}): Promise<SpawnedLagebild> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lagebild-security-'));
  const httpPort = await freePort();
  const process = await startServiceProcess({
    roles,
    demo: true,
    logFile: path.join('test-artifacts', 'security', `${path.basename(dataDir)}.log`),
    env: { LAGEBILD_DATA_DIR: dataDir, LAGEBILD_HTTP_PORT: String(httpPort), LAGEBILD_SYSLOG_PORT: String(await freePort()), LAGEBILD_DEMO_PASSWORD: PASSWORD, ...env },
  });
  const baseUrl = `http://127.0.0.1:${httpPort}`;
  return {
    process,
    baseUrl,
    dataDir,
    async token(username) {
      const response = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
      if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { accessToken: string }).accessToken;
    },
  };
}
