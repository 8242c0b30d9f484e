import { requestApi, type ApiResponse, type RequestOptions } from '../support/api-client.js';
import type { ServiceProcess } from '../support/service-process.js';
import { startSpawnedLagebild } from '../support/spawned-lagebild.js';

export const DEMO_PASSWORD = 'security-test-password';
/** Known to the tests so that they can sign tokens the service would accept but for what they attack. */
export const JWT_SECRET = 'security-test-secret-that-is-long-enough-0123456789';

export interface SpawnedApi {
  baseUrl: string;
  process: ServiceProcess;
  request(method: string, pathAndQuery: string, options?: RequestOptions): Promise<ApiResponse>;
  login(username: string, password?: string): Promise<ApiResponse>;
  /** Logs in (a success, which the throttle does not count) and returns the access token. */
  token(username: string, password?: string): Promise<string>;
}

/**
 * `lagebild start --only api --demo` as a real child process on a free port, seeded with the demo
 * users (password DEMO_PASSWORD). Several may share `dataDir` (one SQLite file) or `env` naming one
 * Elasticsearch index prefix, as several API instances of one deployment do.
 */
export async function startSpawnedApi(options: { dataDir: string; name: string; env?: Record<string, string> }): Promise<SpawnedApi> {
  const started = await startSpawnedLagebild({ roles: 'api', dataDir: options.dataDir, logName: options.name, env: { LAGEBILD_DEMO_PASSWORD: DEMO_PASSWORD, LAGEBILD_JWT_SECRET: JWT_SECRET, ...options.env } });
  const request = (method: string, pathAndQuery: string, requestOptions?: RequestOptions) => requestApi(started.baseUrl, method, pathAndQuery, requestOptions);
  const login = (username: string, password = DEMO_PASSWORD) => request('POST', '/api/v1/auth/login', { body: { username, password } });
  return {
    baseUrl: started.baseUrl,
    process: started.process,
    request,
    login,
    async token(username, password) {
      const response = await login(username, password);
      if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${response.text}`);
      return (response.body as { accessToken: string }).accessToken;
    },
  };
}
