import { expect } from 'chai';
import { ROLES } from '../../../core/domain/user.js';
import { hasPermission, type Permission } from '../../../workflows/auth/permissions.js';
import { INCIDENT_AB, INCIDENT_B, ORG_B, startTestApi, type TestApi, type TestUserName } from './test-api.js';

interface Operation {
  method: string;
  path: string;
  permission?: Permission;
  public: boolean;
}

/** Anything that would tell an officer of Stadt A about Stadt B. */
const FOREIGN = ['stadt-b', 'Stadt B', INCIDENT_B, '"al-b"', '"ev-b"', 'al-ab-b', 'ev-ab-b', 'officerB', '203.0.113.2', 'secret of B'];

const FOREIGN_PARAMS: Record<string, string> = {
  incidents: INCIDENT_B,
  alerts: 'al-b',
  organisations: ORG_B,
  users: 'user-officerB',
  rules: 'some-rule',
};

const BODIES: Record<string, unknown> = {
  'patch /api/v1/incidents/{id}': { version: 1, status: 'acknowledged' },
  'post /api/v1/incidents/bulk': { ids: [INCIDENT_B, INCIDENT_AB], patch: { tlp: 'TLP:RED' } },
  'post /api/v1/incidents/{id}/comments': { body: 'probe' },
  'post /api/v1/incidents/{id}/merge': { sourceIds: ['incident-a'], version: 1 },
  'patch /api/v1/organisations/{id}': { name: 'renamed' },
  'post /api/v1/organisations': { id: 'new-org', name: 'New', kind: 'municipal', reportingRegime: 'section17' },
  'patch /api/v1/users/{id}': { displayName: 'x' },
  'post /api/v1/users': { username: 'newuser', displayName: 'n', email: 'n@example.org', role: 'analyst' },
  'post /api/v1/users/{id}/password': {},
  'post /api/v1/rules/validate': { rule: 'title: x' },
  'post /api/v1/rules/test': { rule: 'title: x', events: [] },
};

async function operations(api: TestApi): Promise<Operation[]> {
  const document = (await api.client.request('GET', '/api/v1/openapi.json')).body as { paths: Record<string, Record<string, { security?: unknown[]; 'x-permission'?: Permission }>> };
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ method, path, permission: operation['x-permission'], public: Array.isArray(operation.security) && operation.security.length === 0 })),
  );
}

function concrete(path: string, id: string | undefined): string {
  const resource = path.split('/')[3] ?? '';
  const target = id ?? FOREIGN_PARAMS[resource] ?? 'x';
  const withId = path.replace('{id}', target);
  // List and search endpoints get the foreign organisation as a filter: the classic leak.
  return path.includes('{') ? withId : `${withId}?organization=${ORG_B}`.replace(/\?organization=.*$/, (query) => (['/api/v1/incidents', '/api/v1/alerts'].includes(path) ? query : ''));
}

describe('api > authorisation matrix', () => {
  let api: TestApi;
  before(async () => {
    api = await startTestApi();
    // Officer B's comment on the shared campaign incident must stay with Stadt B.
    await api.client.request('POST', `/api/v1/incidents/${INCIDENT_AB}/comments`, { token: api.token('officerB'), body: { body: 'secret of B' } });
  });
  after(() => api.close());

  it('covers a non-trivial route list', async () => {
    expect((await operations(api)).filter((operation) => !operation.public).length).to.be.greaterThan(20);
  });

  it('every protected route answers 401 without a token', async () => {
    for (const operation of (await operations(api)).filter((candidate) => !candidate.public)) {
      const key = `${operation.method} ${operation.path}`;
      const response = await api.client.request(operation.method.toUpperCase(), concrete(operation.path, undefined), operation.method === 'get' ? {} : { body: BODIES[key] ?? {} });
      expect(response.status, key).to.equal(401);
    }
  });

  it('every role without a route\'s permission gets 403', async () => {
    const users: Record<(typeof ROLES)[number], TestUserName> = { admin: 'admin', analyst: 'analyst', officer: 'officerA', recipient: 'recipientA' };
    let denials = 0;
    for (const operation of await operations(api)) {
      if (!operation.permission) continue;
      for (const role of ROLES) {
        if (hasPermission(role, operation.permission)) continue;
        const key = `${operation.method} ${operation.path}`;
        const response = await api.client.request(operation.method.toUpperCase(), concrete(operation.path, undefined), { token: api.token(users[role]), ...(operation.method === 'get' ? {} : { body: BODIES[key] ?? {} }) });
        expect(response.status, `${role} ${key}`).to.equal(403);
        denials += 1;
      }
    }
    expect(denials).to.be.greaterThan(20);
  });

  for (const user of ['officerA', 'recipientA'] as const) {
    it(`${user} never sees or changes Stadt B's objects through any route`, async () => {
      for (const operation of await operations(api)) {
        if (operation.public) continue;
        const key = `${operation.method} ${operation.path}`;
        const targets = operation.path.startsWith('/api/v1/incidents/{id}') ? [INCIDENT_B, INCIDENT_AB] : [undefined];
        for (const target of targets) {
          const url = concrete(operation.path, target);
          const response = await api.client.request(operation.method.toUpperCase(), url, { token: api.token(user), ...(operation.method === 'get' ? {} : { body: BODIES[key] ?? {} }) });
          const label = `${user} ${operation.method.toUpperCase()} ${url} → ${response.status}`;
          if (target === INCIDENT_B) expect([403, 404], label).to.include(response.status);
          else expect([200, 201, 400, 403, 404, 409], label).to.include(response.status);
          if (response.status < 300) {
            // A bulk result names the ids the caller sent; it must only say they were not found.
            const echoed = key === 'post /api/v1/incidents/bulk' ? [INCIDENT_B] : [];
            for (const foreign of FOREIGN.filter((text) => !echoed.includes(text))) expect(response.text, `${label} leaks ${foreign}`).not.to.include(foreign);
            if (echoed.length > 0) expect((response.body as { results: unknown[] }).results).to.deep.include({ id: INCIDENT_B, ok: false, status: 404, code: 'not_found', detail: 'incident not found' });
            const page = response.body as { items?: unknown[]; total?: number };
            if (typeof page.total === 'number') expect(page.total, `${label} counts foreign objects`).to.equal(page.items?.length);
          }
        }
      }
      const untouched = await api.store.incidents.get(INCIDENT_B, { kind: 'all' });
      expect(untouched?.version).to.equal(1);
      expect(await api.store.comments.list(INCIDENT_B, { kind: 'all' })).to.have.length(0);
    });
  }

  it('officerA sees its own and the campaign incident, and counts only those', async () => {
    const response = await api.client.request('GET', '/api/v1/incidents', { token: api.token('officerA') });
    const page = response.body as { items: { id: string; organizationIds: string[] }[]; total: number };
    expect(page.total).to.equal(2);
    expect(page.items.map((item) => item.id)).to.not.include(INCIDENT_B);
    expect(page.items.flatMap((item) => item.organizationIds)).to.deep.equal(['stadt-a', 'stadt-a']);
  });
});
