import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApiResponse } from '../support/api-client.js';
import { startSpawnedApi, type SpawnedApi } from './spawned-api.js';

const code = (response: ApiResponse) => (response.body as { code?: string }).code;
const me = (api: SpawnedApi, token: string) => api.request('GET', '/api/v1/auth/me', { token });

describe('security > passwords and sessions (spawned API process)', function () {
  this.timeout(120_000);
  let dataDir: string;
  let api: SpawnedApi;
  let admin: string;

  before(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'lagebild-security-passwords-'));
    api = await startSpawnedApi({ dataDir, name: 'api' });
    admin = await api.token('admin');
  });

  after(async () => {
    await api?.process.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const newUser = (username: string, password?: string) =>
    api.request('POST', '/api/v1/users', {
      token: admin,
      body: { username, displayName: username, email: `${username}@example.org`, role: 'analyst', organizationId: null, ...(password === undefined ? {} : { password }) },
    });

  it('refuses a password under 12 characters with 422 password_too_short', async () => {
    const response = await newUser('short.password', 'elevenchars');
    expect(response.status).to.equal(422);
    expect(code(response)).to.equal('password_too_short');
  });

  it('refuses a common password, in any case, with 422 password_too_common — on create, reset and own change', async () => {
    const created = await newUser('common.password', 'QWERTY123456');
    expect(created.status).to.equal(422);
    expect(code(created)).to.equal('password_too_common');

    const recipient = (await api.request('GET', '/api/v1/users', { token: admin })).body as { items: { id: string; username: string }[] };
    const id = recipient.items.find((user) => user.username === 'recipient')!.id;
    const reset = await api.request('POST', `/api/v1/users/${id}/password`, { token: admin, body: { password: '1qaz2wsx3edc' } });
    expect(reset.status).to.equal(422);
    expect(code(reset)).to.equal('password_too_common');

    const own = await api.request('POST', '/api/v1/auth/password', { token: await api.token('analyst'), body: { currentPassword: 'security-test-password', newPassword: 'Qwerty123456' } });
    expect(own.status).to.equal(422);
    expect(code(own)).to.equal('password_too_common');
  });

  it('refuses a username that differs from an existing one only in case with 409 username_taken', async () => {
    const response = await newUser('Admin');
    expect(response.status).to.equal(409);
    expect(code(response)).to.equal('username_taken');
    expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
  });

  it('ends every access token of a user who changes their password; the changing session continues with a new one', async () => {
    const before = await api.token('analyst');
    const elsewhere = await api.token('analyst');
    const changed = await api.request('POST', '/api/v1/auth/password', { token: before, body: { currentPassword: 'security-test-password', newPassword: 'a changed and long passphrase' } });
    expect(changed.status).to.equal(200);
    const fresh = (changed.body as { accessToken: string }).accessToken;
    expect((await me(api, before)).status).to.equal(401);
    expect((await me(api, elsewhere)).status).to.equal(401);
    expect((await me(api, fresh)).status).to.equal(200);
  });

  it('ends every access token of a user whose password an administrator resets', async () => {
    const token = await api.token('officer');
    expect((await me(api, token)).status).to.equal(200);
    const users = (await api.request('GET', '/api/v1/users', { token: admin })).body as { items: { id: string; username: string }[] };
    const id = users.items.find((user) => user.username === 'officer')!.id;
    const reset = await api.request('POST', `/api/v1/users/${id}/password`, { token: admin, body: {} });
    expect(reset.status).to.equal(200);
    const answer = await me(api, token);
    expect(answer.status).to.equal(401);
    expect(code(answer)).to.equal('invalid_token');
  });
});
