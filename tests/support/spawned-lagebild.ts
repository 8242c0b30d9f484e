import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startServiceProcess, type ServiceProcess } from './service-process.js';

export const SPAWNED_DEMO_PASSWORD = 'spawned-demo-password';

export interface HttpAnswer {
  status: number;
  /** Parsed JSON when the answer is JSON, else the text. */
  body: unknown;
  text: string;
}

export interface SpawnedLagebild {
  service: ServiceProcess;
  /** Logs in through the API; every demo user has the same password. */
  login(username: string, password?: string): Promise<string>;
  request(method: string, pathAndQuery: string, token: string, body?: unknown): Promise<HttpAnswer>;
  /** Like `request`, but throws unless the answer is 2xx: for setting up, not for the attack. */
  call<T>(method: string, pathAndQuery: string, token: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/**
 * A real `lagebild start --demo` child process on free ports and a fresh data directory, driven from
 * outside over HTTP as a client would: nothing in the test shares memory with the service.
 */
export async function startSpawnedLagebild(options: { roles: string; env?: Record<string, string> }): Promise<SpawnedLagebild> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lagebild-security-'));
  const service = await startServiceProcess({
    roles: options.roles,
    demo: true,
    logFile: path.join(dataDir, 'service.log'),
    env: {
      LAGEBILD_DATA_DIR: dataDir,
      LAGEBILD_HTTP_PORT: String(await freePort()),
      LAGEBILD_SYSLOG_PORT: String(await freePort()),
      LAGEBILD_DEMO_PASSWORD: SPAWNED_DEMO_PASSWORD,
      LAGEBILD_JWT_SECRET: 'security-test-secret-0123456789abcdef',
      ...options.env,
    },
  });
  const baseUrl = `http://127.0.0.1:${service.httpPort}`;

  const request = async (method: string, pathAndQuery: string, token: string, body?: unknown): Promise<HttpAnswer> => {
    const headers: Record<string, string> = token === '' ? {} : { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(baseUrl + pathAndQuery, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await response.text();
    const json = /json/.test(response.headers.get('content-type') ?? '') && text !== '';
    return { status: response.status, body: json ? (JSON.parse(text) as unknown) : text, text };
  };
  const call = async <T>(method: string, pathAndQuery: string, token: string, body?: unknown): Promise<T> => {
    const answer = await request(method, pathAndQuery, token, body);
    if (answer.status >= 300) throw new Error(`${method} ${pathAndQuery}: ${answer.status} ${answer.text}`);
    return answer.body as T;
  };

  return {
    service,
    async login(username, password = SPAWNED_DEMO_PASSWORD) {
      return (await call<{ accessToken: string }>('POST', '/api/v1/auth/login', '', { username, password })).accessToken;
    },
    request,
    call,
    async stop() {
      await service.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
