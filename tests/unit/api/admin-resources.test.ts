import { gzipSync } from 'node:zlib';
import { expect } from 'chai';
import type { RulesCatalog, RuleSummary } from '../../../core/ports/rules-catalog.js';
import { LagebildError, NotFoundError } from '../../../core/errors.js';
import { INCIDENT_A, ORG_A, ORG_B, PASSWORD, startTestApi, type TestApi } from './test-api.js';

describe('api > users', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi();
  });
  afterEach(() => api.close());

  it('401, 403 for non-admins, 400 for an officer without organisation, 404 unknown, 409 taken username', async () => {
    expect((await api.client.request('GET', '/api/v1/users')).status).to.equal(401);
    expect((await api.client.request('GET', '/api/v1/users', { token: api.token('analyst') })).status).to.equal(403);
    const token = api.token('admin');
    expect((await api.client.request('POST', '/api/v1/users', { token, body: { username: 'o2', displayName: 'O', email: 'o@example.org', role: 'officer' } })).status).to.equal(400);
    expect((await api.client.request('PATCH', '/api/v1/users/nope', { token, body: { disabled: true } })).status).to.equal(404);
    const taken = await api.client.request('POST', '/api/v1/users', { token, body: { username: 'analyst', displayName: 'A', email: 'a@example.org', role: 'analyst' } });
    expect(taken.status).to.equal(409);
  });

  it('creates a user with a one-time password and never shows password hashes', async () => {
    const token = api.token('admin');
    const created = await api.client.request('POST', '/api/v1/users', { token, body: { username: 'isb-a', displayName: 'ISB A', email: 'isb@stadt-a.example', role: 'officer', organizationId: ORG_A } });
    expect(created.status).to.equal(201);
    const body = created.body as { user: { id: string; mustChangePassword: boolean }; oneTimePassword: string };
    expect(body.oneTimePassword).to.have.length.greaterThan(20);
    expect(body.user.mustChangePassword).to.equal(true);
    const list = await api.client.request('GET', '/api/v1/users', { token });
    expect(list.text).not.to.include('passwordHash');
    expect(list.text).not.to.include('scrypt$');
    const login = await api.client.request('POST', '/api/v1/auth/login', { body: { username: 'isb-a', password: body.oneTimePassword } });
    expect(login.status).to.equal(200);
    const audit = await api.store.audit.list({ objectId: body.user.id });
    expect(audit[0]).to.include({ action: 'user.create', actor: 'admin' });
    expect(JSON.stringify(audit)).not.to.include('scrypt$');
  });

  it('disabling a user ends their sessions; admins cannot disable themselves', async () => {
    const token = api.token('admin');
    const officerToken = api.token('officerA');
    expect((await api.client.request('PATCH', `/api/v1/users/${api.users.officerA.id}`, { token, body: { disabled: true } })).status).to.equal(200);
    expect((await api.client.request('GET', '/api/v1/incidents', { token: officerToken })).status).to.equal(401);
    expect((await api.client.request('POST', '/api/v1/auth/login', { body: { username: 'officerA', password: PASSWORD } })).status).to.equal(401);
    const self = await api.client.request('PATCH', `/api/v1/users/${api.users.admin.id}`, { token, body: { disabled: true } });
    expect(self.status).to.equal(409);
  });
});

describe('api > organisations', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi();
  });
  afterEach(() => api.close());

  it('403 for a non-admin write, 400 for a bad network, 404 unknown, 409 existing id', async () => {
    const body = { id: 'landkreis-c', name: 'Landkreis C', kind: 'municipal', reportingRegime: 'section17', networks: ['10.3.0.0/16'] };
    expect((await api.client.request('POST', '/api/v1/organisations', { token: api.token('analyst'), body })).status).to.equal(403);
    const token = api.token('admin');
    const bad = await api.client.request('POST', '/api/v1/organisations', { token, body: { ...body, networks: ['10.3.0.0/33'] } });
    expect(bad.status).to.equal(400);
    expect((await api.client.request('GET', '/api/v1/organisations/nope', { token })).status).to.equal(404);
    expect((await api.client.request('POST', '/api/v1/organisations', { token, body: { ...body, id: ORG_A } })).status).to.equal(409);
  });

  it('officers see their own organisation only; admins create and update', async () => {
    const own = await api.client.request('GET', '/api/v1/organisations', { token: api.token('officerA') });
    expect((own.body as { items: { id: string }[] }).items.map((item) => item.id)).to.deep.equal([ORG_A]);
    expect((await api.client.request('GET', `/api/v1/organisations/${ORG_B}`, { token: api.token('officerA') })).status).to.equal(404);
    const token = api.token('admin');
    const created = await api.client.request('POST', '/api/v1/organisations', { token, body: { id: 'landkreis-c', name: 'Landkreis C', kind: 'municipal', reportingRegime: 'section17', parentId: ORG_A } });
    expect(created.status).to.equal(201);
    const updated = await api.client.request('PATCH', '/api/v1/organisations/landkreis-c', { token, body: { critical: true } });
    expect(updated.body).to.include({ critical: true, parentId: ORG_A });
  });
});

describe('api > audit', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi();
  });
  afterEach(() => api.close());

  it('403 for officers; lists entries and verifies the chain', async () => {
    expect((await api.client.request('GET', '/api/v1/audit', { token: api.token('officerA') })).status).to.equal(403);
    for (const status of ['acknowledged', 'investigating']) {
      const current = await api.store.incidents.get(INCIDENT_A, { kind: 'all' });
      await api.client.request('PATCH', `/api/v1/incidents/${INCIDENT_A}`, { token: api.token('analyst'), body: { version: current!.version, status } });
    }
    const list = await api.client.request('GET', '/api/v1/audit?limit=1', { token: api.token('analyst') });
    expect((list.body as { items: unknown[] }).items).to.have.length(1);
    expect((await api.client.request('GET', '/api/v1/audit?limit=abc', { token: api.token('analyst') })).status).to.equal(400);
    const verified = await api.client.request('GET', '/api/v1/audit/verify', { token: api.token('analyst') });
    expect(verified.body).to.deep.equal({ valid: true, checked: 2 });
  });

  it('detects a tampered entry', async () => {
    for (const status of ['acknowledged', 'investigating', 'contained']) {
      const current = await api.store.incidents.get(INCIDENT_A, { kind: 'all' });
      await api.client.request('PATCH', `/api/v1/incidents/${INCIDENT_A}`, { token: api.token('analyst'), body: { version: current!.version, status } });
    }
    // Simulates an edited row: the stored entry says someone else did it.
    const list = api.store.audit.list.bind(api.store.audit);
    api.store.audit.list = async (options) => (await list(options)).map((entry) => (entry.seq === 2 ? { ...entry, actor: 'mallory' } : entry));
    const verified = await api.client.request('GET', '/api/v1/audit/verify', { token: api.token('admin') });
    expect(verified.body).to.deep.equal({ valid: false, checked: 1, brokenAt: { seq: 2, reason: 'hash_mismatch' } });
  });
});

describe('api > rules', () => {
  let api: TestApi;
  afterEach(() => api.close());

  function catalog(): RulesCatalog {
    const rules = new Map<string, RuleSummary>([
      ['ssh-brute-force', { id: 'ssh-brute-force', title: 'SSH brute force', level: 'high', type: 'sigma', enabled: true, pack: 'lagebild', enabledByDefault: true, defaultBasis: 'lagebild', defaultReason: 'Lagebild rule', tags: [] }],
      ...Array.from({ length: 5 }, (_, index): [string, RuleSummary] => [`core-${index}`, { id: `core-${index}`, title: `Core rule ${index}`, level: 'high', type: 'sigma', enabled: index < 2, pack: 'core', enabledByDefault: true, defaultBasis: 'received', defaultReason: 'Core rule', tags: ['attack.t1003'] }]),
      ['dcsync', { id: 'dcsync', title: 'DCSync by a user account', level: 'medium', type: 'sigma', enabled: false, pack: 'core+', enabledByDefault: false, defaultBasis: 'pack-off', defaultReason: 'core+ is off by default', tags: [] }],
    ]);
    return {
      list: () => [...rules.values()],
      get: (id) => {
        const rule = rules.get(id);
        return rule && { ...rule, source: 'title: SSH brute force' };
      },
      setEnabled: (id, enabled) => {
        const rule = rules.get(id);
        if (!rule) throw new NotFoundError('rule');
        rule.enabled = enabled;
        return rule;
      },
      validate: (text) => (text.includes('detection') ? [] : [{ message: 'missing detection', line: 1 }]),
      test: (_text, events) => {
        if (events.length > 100) throw new LagebildError('validation_failed', 'too many', { status: 400 });
        return [];
      },
    };
  }

  it('503 without a catalog; 403 for officers and for analysts toggling; 404 unknown rule', async () => {
    api = await startTestApi();
    expect((await api.client.request('GET', '/api/v1/rules', { token: api.token('analyst') })).status).to.equal(503);
    await api.close();
    api = await startTestApi({ rules: catalog() });
    expect((await api.client.request('GET', '/api/v1/rules', { token: api.token('officerA') })).status).to.equal(403);
    expect((await api.client.request('POST', '/api/v1/rules/ssh-brute-force/disable', { token: api.token('analyst') })).status).to.equal(403);
    expect((await api.client.request('GET', '/api/v1/rules/nope', { token: api.token('analyst') })).status).to.equal(404);
    expect((await api.client.request('POST', '/api/v1/rules/nope/disable', { token: api.token('admin') })).status).to.equal(404);
  });

  it('filters the list by pack, switch and text, and pages it with the total of what matches', async () => {
    api = await startTestApi({ rules: catalog() });
    const token = api.token('analyst');
    const list = async (query: string) => (await api.client.request('GET', `/api/v1/rules?${query}`, { token })).body as { items: RuleSummary[]; total: number };
    const core = await list('pack=core&limit=2&offset=2');
    expect(core.total).to.equal(5);
    expect(core.items.map((rule) => rule.id)).to.deep.equal(['core-2', 'core-3']);
    expect((await list('pack=core,core%2B&enabled=false')).items.map((rule) => rule.id)).to.deep.equal(['core-2', 'core-3', 'core-4', 'dcsync']);
    expect((await list('q=DCSYNC')).items.map((rule) => rule.id)).to.deep.equal(['dcsync']);
    expect((await list('q=t1003&enabled=true')).total).to.equal(2);
    expect((await list('level=medium,low')).items.map((rule) => rule.id)).to.deep.equal(['dcsync']);
    expect((await list('type=correlation')).total).to.equal(0);
    const bad = await api.client.request('GET', '/api/v1/rules?pack=sigmahq', { token });
    expect(bad.status).to.equal(400);
    expect(bad.headers.get('content-type')).to.match(/application\/problem\+json/);
  });

  it('lists, shows, disables (audited), validates and tests rules', async () => {
    api = await startTestApi({ rules: catalog() });
    const token = api.token('admin');
    expect(((await api.client.request('GET', '/api/v1/rules', { token })).body as { items: unknown[] }).items).to.have.length(7);
    expect((await api.client.request('GET', '/api/v1/rules/ssh-brute-force', { token })).body).to.include({ source: 'title: SSH brute force' });
    expect((await api.client.request('POST', '/api/v1/rules/ssh-brute-force/disable', { token })).body).to.include({ enabled: false });
    expect(await api.store.audit.list({ objectId: 'ssh-brute-force' })).to.have.length(1);
    expect((await api.client.request('POST', '/api/v1/rules/validate', { token, body: { rule: 'title: x' } })).body).to.deep.equal({ valid: false, problems: [{ message: 'missing detection', line: 1 }] });
    expect((await api.client.request('POST', '/api/v1/rules/test', { token, body: { rule: 'title: x', events: [{ a: 1 }] } })).body).to.deep.equal({ alerts: [] });
  });
});

describe('api > ingest', () => {
  let api: TestApi;
  afterEach(() => api.close());
  const received: string[] = [];
  const ingest = {
    async accept(body: string, token: string) {
      if (token !== 'source-token-1') throw new LagebildError('invalid_source_token', 'unknown source token', { status: 401 });
      received.push(body);
      return { accepted: body.trim().split('\n').length, rejected: 0 };
    },
  };

  it('401 for a missing or unknown token, 202 with counts for NDJSON, gzip included', async () => {
    api = await startTestApi({ ingest });
    const ndjson = '{"message":"a"}\n{"message":"b"}\n';
    expect((await api.client.request('POST', '/api/v1/ingest', { rawBody: ndjson, headers: { 'content-type': 'application/x-ndjson' } })).status).to.equal(401);
    const unknown = await api.client.request('POST', '/api/v1/ingest', { rawBody: ndjson, headers: { 'x-lagebild-token': 'wrong' } });
    expect(unknown.status).to.equal(401);
    expect(unknown.body).to.include({ code: 'invalid_source_token' });
    const plain = await api.client.request('POST', '/api/v1/ingest', { rawBody: ndjson, headers: { authorization: 'Bearer source-token-1', 'content-type': 'application/x-ndjson' } });
    expect(plain.status).to.equal(202);
    expect(plain.body).to.deep.equal({ accepted: 2, rejected: 0 });
    const zipped = await api.client.request('POST', '/api/v1/ingest', { rawBody: gzipSync(ndjson), headers: { 'x-lagebild-token': 'source-token-1', 'content-encoding': 'gzip', 'content-type': 'application/json' } });
    expect(zipped.status).to.equal(202);
    expect(received.at(-1)).to.equal(ndjson);
  });
});
