import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApiResponse } from '../support/api-client.js';
import { useElasticsearchTestStore } from '../support/elasticsearch-test-store.js';
import { ELASTICSEARCH_URL } from '../support/services.js';
import { DEMO_PASSWORD, startSpawnedApi, type SpawnedApi } from './spawned-api.js';

/** The limit docs/security.md promises: 5 failed logins per username within 15 minutes. */
const USERNAME_LIMIT = 5;
const code = (response: ApiResponse) => (response.body as { code?: string }).code;
/** Answers whose password was actually checked: a wrong one (401, 403) or the right one (200). */
const checked = (responses: ApiResponse[]) => responses.filter((response) => response.status !== 429);

describe('security > login throttle (spawned API processes, SQLite)', function () {
  this.timeout(180_000);
  let dataDir: string;
  let first: SpawnedApi;
  let second: SpawnedApi;

  before(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'lagebild-security-throttle-'));
    first = await startSpawnedApi({ dataDir, name: 'api-1' });
    // A second API instance on the same SQLite file, as a scaled-out deployment runs them.
    second = await startSpawnedApi({ dataDir, name: 'api-2' });
  });

  after(async () => {
    await Promise.all([first?.process.stop(), second?.process.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('checks at most the limit of 59 parallel wrong passwords, and then refuses the right one with 429 login_locked', async () => {
    const wrong = Array.from({ length: 59 }, (_, i) => first.login('analyst', `wrong password number ${i}`));
    // The right password goes out while the wrong ones are still being checked.
    const right = Promise.race(wrong).then(() => first.login('analyst', DEMO_PASSWORD));
    const answers = await Promise.all(wrong);
    const rightAnswer = await right;

    expect(checked(answers).length).to.be.at.most(USERNAME_LIMIT);
    expect(checked(answers).every((answer) => answer.status === 401)).to.equal(true);
    expect(answers.filter((answer) => answer.status === 429).every((answer) => code(answer) === 'login_locked')).to.equal(true);
    expect(rightAnswer.status).to.equal(429);
    expect(code(rightAnswer)).to.equal('login_locked');
    expect(Number(rightAnswer.headers.get('retry-after'))).to.be.greaterThan(0);
  });

  it('shares the count between two API processes on one data directory', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? first : second).login('officer', `wrong password number ${i}`)));
    expect(checked(answers).length).to.be.at.most(USERNAME_LIMIT);
    for (const api of [first, second]) {
      const right = await api.login('OFFICER', DEMO_PASSWORD);
      expect(right.status).to.equal(429);
      expect(code(right)).to.equal('login_locked');
    }
  });

  it('throttles the current password of a password change like a login', async () => {
    const token = await second.token('officer2');
    const change = (currentPassword: string) => second.request('POST', '/api/v1/auth/password', { token, body: { currentPassword, newPassword: 'a new and long passphrase' } });
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => change(`not the current password ${i}`)));
    expect(checked(answers).length).to.be.at.most(USERNAME_LIMIT);
    expect(checked(answers).every((answer) => answer.status === 403)).to.equal(true);
    const right = await change(DEMO_PASSWORD);
    expect(right.status).to.equal(429);
    expect(code(right)).to.equal('login_locked');
    expect((await first.login('officer2', 'a new and long passphrase')).status).to.equal(429);
  });
});

describe('security > login throttle (spawned API processes, Elasticsearch)', function () {
  this.timeout(180_000);
  const openStore = useElasticsearchTestStore();

  // Nested, so that its clean-up runs before the helper closes its admin client.
  describe('two API processes on one index prefix', () => {
    let dataDir: string;
    let cleanup: (() => Promise<void>) | undefined;
    const apis: SpawnedApi[] = [];

    before(async () => {
      const opened = await openStore();
      await opened.store.close();
      cleanup = opened.cleanup;
      dataDir = mkdtempSync(path.join(os.tmpdir(), 'lagebild-security-throttle-es-'));
      const env = { LAGEBILD_STORE: 'elasticsearch', ELASTICSEARCH_URL, LAGEBILD_ES_INDEX_PREFIX: opened.prefix };
      for (const name of ['api-es-1', 'api-es-2']) apis.push(await startSpawnedApi({ dataDir, name, env }));
    });

    after(async () => {
      await Promise.all(apis.map((api) => api.process.stop()));
      await cleanup?.();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    it('checks at most the limit of parallel wrong passwords sent to two processes on one cluster', async () => {
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => apis[i % 2]!.login('analyst', `wrong password number ${i}`)));
      expect(checked(answers).length).to.be.at.most(USERNAME_LIMIT);
      const right = await apis[1]!.login('Analyst', DEMO_PASSWORD);
      expect(right.status).to.equal(429);
      expect(code(right)).to.equal('login_locked');
    });
  });
});
