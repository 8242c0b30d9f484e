import { generateKeyPairSync } from 'node:crypto';
import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import type { ApiResponse } from '../../support/api-client.js';
import { JWT_SECRET, PASSWORD, startTestApi, type TestApi } from './test-api.js';

function refreshCookie(response: ApiResponse): string {
  const header = response.headers.get('set-cookie') ?? '';
  const match = /lagebild_refresh=([^;]*)/.exec(header);
  if (!match) throw new Error(`no refresh cookie in ${header}`);
  return match[1]!;
}

function b64(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('api > auth', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi();
  });
  afterEach(() => api.close());

  const login = (username: string, password: string) => api.client.request('POST', '/api/v1/auth/login', { body: { username, password } });
  const refresh = (cookie: string) => api.client.request('POST', '/api/v1/auth/refresh', { headers: { cookie: `lagebild_refresh=${cookie}` } });

  describe('login', () => {
    it('rejects a missing body with 400 listing the fields', async () => {
      const response = await api.client.request('POST', '/api/v1/auth/login', { body: {} });
      expect(response.status).to.equal(400);
      expect((response.body as { errors: { path: string }[] }).errors.map((error) => error.path)).to.have.members(['username', 'password']);
    });

    it('answers a wrong password and an unknown user alike with 401 invalid_credentials', async () => {
      const wrong = await login('analyst', 'wrong password!');
      const unknown = await login('nobody', 'wrong password!');
      expect(wrong.status).to.equal(401);
      expect(unknown.status).to.equal(401);
      expect((wrong.body as { code: string }).code).to.equal('invalid_credentials');
      expect((unknown.body as { detail: string }).detail).to.equal((wrong.body as { detail: string }).detail);
    });

    it('refuses a disabled user', async () => {
      await api.store.users.upsert({ ...api.users.analyst, disabled: true });
      expect((await login('analyst', PASSWORD)).status).to.equal(401);
    });

    it('issues an HS256 access token with issuer, audience, subject, role and organisation, and an httpOnly SameSite=Strict cookie', async () => {
      const response = await login('officerA', PASSWORD);
      expect(response.status).to.equal(200);
      const body = response.body as { accessToken: string; user: Record<string, unknown> };
      const decoded = jwt.decode(body.accessToken, { complete: true })!;
      expect(decoded.header.alg).to.equal('HS256');
      expect(decoded.payload).to.include({ sub: 'user-officerA', role: 'officer', org: 'stadt-a', iss: 'lagebild', aud: 'lagebild-api' });
      expect(decoded.payload).to.have.property('jti');
      expect(body.user).not.to.have.property('passwordHash');
      const cookie = response.headers.get('set-cookie')!;
      expect(cookie).to.match(/HttpOnly/i);
      expect(cookie).to.match(/SameSite=Strict/i);
      expect(cookie).to.match(/Path=\/api\/v1\/auth/);
      expect((await api.client.request('GET', '/api/v1/auth/me', { token: body.accessToken })).body).to.include({ username: 'officerA' });
    });

    it('locks a username after 5 failures, even against the right password, for 15 minutes', async () => {
      for (let attempt = 0; attempt < 5; attempt += 1) expect((await login('analyst', 'wrong password!')).status).to.equal(401);
      const locked = await login('analyst', PASSWORD);
      expect(locked.status).to.equal(429);
      expect(locked.body).to.include({ code: 'login_locked' });
      expect(Number(locked.headers.get('retry-after'))).to.be.greaterThan(0);
      api.clock.advance(15 * 60_000 + 1);
      expect((await login('analyst', PASSWORD)).status).to.equal(200);
    });

    it('locks unknown usernames too, so the lockout does not reveal which accounts exist', async () => {
      for (let attempt = 0; attempt < 5; attempt += 1) await login('ghost', 'wrong password!');
      expect((await login('ghost', 'wrong password!')).status).to.equal(429);
    });
  });

  describe('refresh and logout', () => {
    it('rotates the refresh token and answers a missing cookie with 401', async () => {
      expect((await api.client.request('POST', '/api/v1/auth/refresh')).status).to.equal(401);
      const first = refreshCookie(await login('analyst', PASSWORD));
      const response = await refresh(first);
      expect(response.status).to.equal(200);
      const second = refreshCookie(response);
      expect(second).not.to.equal(first);
      expect((await refresh(second)).status).to.equal(200);
    });

    it('revokes the whole family when a rotated token is presented again', async () => {
      const first = refreshCookie(await login('analyst', PASSWORD));
      const second = refreshCookie(await refresh(first));
      const reuse = await refresh(first);
      expect(reuse.status).to.equal(401);
      expect(reuse.body).to.include({ code: 'refresh_token_reused' });
      // The legitimate holder's newer token died with the family.
      expect((await refresh(second)).status).to.equal(401);
    });

    it('rejects an expired refresh token', async () => {
      const cookie = refreshCookie(await login('analyst', PASSWORD));
      api.clock.advance(13 * 3600_000);
      expect((await refresh(cookie)).status).to.equal(401);
    });

    it('logout revokes the session', async () => {
      const cookie = refreshCookie(await login('analyst', PASSWORD));
      const response = await api.client.request('POST', '/api/v1/auth/logout', { headers: { cookie: `lagebild_refresh=${cookie}` } });
      expect(response.status).to.equal(204);
      expect((await refresh(cookie)).status).to.equal(401);
    });
  });

  describe('access token tampering', () => {
    const me = (token: string) => api.client.request('GET', '/api/v1/auth/me', { token });
    const claims = () => ({ sub: 'user-officerA', name: 'officerA', role: 'officer', org: 'stadt-a', jti: 'j1', iss: 'lagebild', aud: 'lagebild-api', iat: Math.floor(api.clock.now().getTime() / 1000), exp: Math.floor(api.clock.now().getTime() / 1000) + 600 });

    it('accepts the genuine token (control)', async () => {
      expect((await me(jwt.sign(claims(), JWT_SECRET, { algorithm: 'HS256' }))).status).to.equal(200);
    });

    it('rejects a missing token and a non-bearer header with 401', async () => {
      expect((await api.client.request('GET', '/api/v1/auth/me')).status).to.equal(401);
      expect((await api.client.request('GET', '/api/v1/auth/me', { headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } })).status).to.equal(401);
    });

    it('rejects alg: none', async () => {
      const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`;
      const response = await me(unsigned);
      expect(response.status).to.equal(401);
      expect(response.body).to.include({ code: 'invalid_token' });
    });

    it('rejects a token signed with another key', async () => {
      expect((await me(jwt.sign(claims(), 'another-secret-of-sufficient-length-0123456789', { algorithm: 'HS256' }))).status).to.equal(401);
    });

    it('rejects other algorithms, HS512 with the right key and RS256 alike', async () => {
      expect((await me(jwt.sign(claims(), JWT_SECRET, { algorithm: 'HS512' }))).status).to.equal(401);
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      expect((await me(jwt.sign(claims(), privateKey, { algorithm: 'RS256' }))).status).to.equal(401);
    });

    it('rejects a correctly signed token without exp: it would never expire', async () => {
      const withoutExpiry: Partial<ReturnType<typeof claims>> = claims();
      delete withoutExpiry.exp;
      const response = await me(jwt.sign(withoutExpiry, JWT_SECRET, { algorithm: 'HS256' }));
      expect(response.status).to.equal(401);
      expect(response.body).to.include({ code: 'invalid_token' });
    });

    it('rejects a token issued before the user\'s password was changed', async () => {
      const token = api.token('officerA');
      await api.store.users.upsert({ ...api.users.officerA, tokenVersion: 1 });
      expect((await me(token)).status).to.equal(401);
    });

    it('rejects an expired token with token_expired', async () => {
      const token = api.token('officerA');
      api.clock.advance(901_000);
      const response = await me(token);
      expect(response.status).to.equal(401);
      expect(response.body).to.include({ code: 'token_expired' });
    });

    it('rejects altered claims: a role raised in the payload without re-signing', async () => {
      const [header, , signature] = api.token('officerA').split('.');
      const forged = `${header}.${b64({ ...claims(), role: 'admin', org: null })}.${signature}`;
      expect((await me(forged)).status).to.equal(401);
    });

    it('rejects wrong issuer or audience', async () => {
      expect((await me(jwt.sign({ ...claims(), iss: 'someone-else' }, JWT_SECRET, { algorithm: 'HS256' }))).status).to.equal(401);
      expect((await me(jwt.sign({ ...claims(), aud: 'other-api' }, JWT_SECRET, { algorithm: 'HS256' }))).status).to.equal(401);
    });

    it('rejects a validly signed token whose role no longer matches the stored user', async () => {
      expect((await me(jwt.sign({ ...claims(), role: 'analyst', org: null }, JWT_SECRET, { algorithm: 'HS256' }))).status).to.equal(401);
    });

    it('rejects the token of a user disabled after it was issued', async () => {
      const token = api.token('officerA');
      await api.store.users.upsert({ ...api.users.officerA, disabled: true });
      expect((await me(token)).status).to.equal(401);
    });
  });

  describe('one-time passwords', () => {
    it('allows only /me and the password change until the password is changed', async () => {
      await api.store.users.upsert({ ...api.users.analyst, mustChangePassword: true });
      const session = (await login('analyst', PASSWORD)).body as { accessToken: string };
      const blocked = await api.client.request('GET', '/api/v1/incidents', { token: session.accessToken });
      expect(blocked.status).to.equal(403);
      expect(blocked.body).to.include({ code: 'password_change_required' });
      expect((await api.client.request('GET', '/api/v1/auth/me', { token: session.accessToken })).status).to.equal(200);

      const short = await api.client.request('POST', '/api/v1/auth/password', { token: session.accessToken, body: { currentPassword: PASSWORD, newPassword: 'short' } });
      expect(short.status).to.equal(422);
      expect(short.body).to.include({ code: 'password_too_short' });
      const wrongCurrent = await api.client.request('POST', '/api/v1/auth/password', { token: session.accessToken, body: { currentPassword: 'not it at all', newPassword: 'a much better passphrase' } });
      expect(wrongCurrent.status).to.equal(403);
      const changed = await api.client.request('POST', '/api/v1/auth/password', { token: session.accessToken, body: { currentPassword: PASSWORD, newPassword: 'a much better passphrase' } });
      expect(changed.status).to.equal(200);
      const fresh = (changed.body as { accessToken: string }).accessToken;
      expect((await api.client.request('GET', '/api/v1/incidents', { token: fresh })).status).to.equal(200);
      expect((await login('analyst', 'a much better passphrase')).status).to.equal(200);
    });
  });
});
