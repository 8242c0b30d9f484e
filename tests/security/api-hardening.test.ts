import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import type { ApiResponse } from '../support/api-client.js';
import { JWT_SECRET, startSpawnedApi, type SpawnedApi } from './spawned-api.js';

const code = (response: ApiResponse) => (response.body as { code?: string }).code;
/** pino's level numbers: 50 error, 60 fatal. */
const ERROR_LEVEL = 50;

describe('security > API hardening (spawned API process)', function () {
  this.timeout(120_000);
  let dataDir: string;
  let api: SpawnedApi;

  before(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'lagebild-security-hardening-'));
    api = await startSpawnedApi({ dataDir, name: 'api' });
  });

  after(async () => {
    await api?.process.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function errorLines(): string[] {
    return api.process
      .tail(200)
      .split('\n')
      .filter((line) => {
        try {
          return (JSON.parse(line) as { level?: number }).level! >= ERROR_LEVEL;
        } catch {
          return false;
        }
      });
  }

  it('answers a refresh or logout cookie with a lone % with 400 malformed_cookie, logging no error', async () => {
    for (const cookie of ['lagebild_refresh=%', 'lagebild_refresh=abc%E0%A4%A', 'other=1; lagebild_refresh=%zz']) {
      for (const endpoint of ['/api/v1/auth/refresh', '/api/v1/auth/logout']) {
        const response = await api.request('POST', endpoint, { headers: { cookie } });
        expect(response.status, `${endpoint} with ${cookie}`).to.equal(400);
        expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
        expect(code(response)).to.equal('malformed_cookie');
      }
    }
    expect(errorLines()).to.deep.equal([]);
  });

  it('answers a path parameter that is not valid percent-encoding with 400 malformed_path, logging no error', async () => {
    const token = await api.token('analyst');
    const response = await api.request('GET', '/api/v1/incidents/%E0%A4%A', { token });
    expect(response.status).to.equal(400);
    expect(code(response)).to.equal('malformed_path');
    expect(errorLines()).to.deep.equal([]);
  });

  it('refuses a correctly signed access token without exp with 401', async () => {
    const user = (await api.request('GET', '/api/v1/auth/me', { token: await api.token('analyst') })).body as { id: string };
    const forever = jwt.sign({ sub: user.id, name: 'analyst', role: 'analyst', org: null, jti: 'no-expiry' }, JWT_SECRET, { algorithm: 'HS256', issuer: 'lagebild', audience: 'lagebild-api' });
    expect(jwt.decode(forever)).not.to.have.property('exp');
    const response = await api.request('GET', '/api/v1/auth/me', { token: forever });
    expect(response.status).to.equal(401);
    expect(code(response)).to.equal('invalid_token');
  });

  it('sends Cache-Control: no-store with every API answer, problems included', async () => {
    const token = await api.token('analyst');
    const answers = [
      await api.request('GET', '/api/v1/auth/me', { token }),
      await api.request('GET', '/api/v1/incidents', { token }),
      await api.login('analyst', 'a wrong password here'),
      await api.request('GET', '/api/v1/incidents'),
      await api.request('GET', '/api/v1/no-such-route', { token }),
      await api.request('GET', '/api/v1/openapi.json'),
      await api.request('GET', '/healthz'),
    ];
    for (const answer of answers) {
      expect(answer.headers.get('content-type')).to.match(/json/);
      expect(answer.headers.get('cache-control'), `${answer.status} ${answer.text.slice(0, 80)}`).to.equal('no-store');
    }
  });
});
