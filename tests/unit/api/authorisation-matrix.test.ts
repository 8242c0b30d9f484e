import { expect } from 'chai';
import type { Incident } from '../../../core/domain/incident.js';
import { ALL } from '../../../core/domain/scope.js';
import { ROLES } from '../../../core/domain/user.js';
import type { IncidentAlertUpdate } from '../../../core/ports/stores.js';
import { hasPermission, type Permission } from '../../../workflows/auth/permissions.js';
import { INCIDENT_A, INCIDENT_AB, INCIDENT_B, ORG_A, ORG_B, startTestApi, type TestApi, type TestUserName } from './test-api.js';

interface Operation {
  method: string;
  path: string;
  permission?: Permission;
  public: boolean;
}

/** Stadt B's duplicate of the campaign, merged into it by the CERT. */
const DUPLICATE_B = 'incident-b-duplicate';

/** Anything that would tell an officer of Stadt A about Stadt B (DUPLICATE_B contains INCIDENT_B). */
const FOREIGN = ['stadt-b', 'Stadt B', INCIDENT_B, '"al-b"', '"ev-b"', 'al-ab-b', 'ev-ab-b', 'al-b-duplicate', 'officerB', '203.0.113.2', 'secret of B'];

const duplicateAlert: Omit<IncidentAlertUpdate, 'now'> = {
  incidentId: DUPLICATE_B,
  title: 'Stadt B brute force',
  organizationId: ORG_B,
  ruleId: 'ssh-brute-force',
  ruleTitle: 'SSH brute force',
  entity: 'source.ip=198.51.100.7',
  severity: 'high',
  alertId: 'al-b-duplicate',
  eventCount: 1,
  at: '2025-03-01T10:05:00.000Z',
  tags: ['attack.t1110'],
};

/** What an officer must not do to an incident their organisation shares with another. */
const SHARED_WRITES: Record<string, number> = { 'patch /api/v1/incidents/{id}': 403, 'post /api/v1/incidents/{id}/merge': 403 };

const FOREIGN_PARAMS: Record<string, string> = {
  incidents: INCIDENT_B,
  alerts: 'al-b',
  organisations: ORG_B,
  users: 'user-officerB',
  rules: 'some-rule',
  suppressions: 'suppression-b',
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
  'post /api/v1/suppressions': { organizationId: ORG_B, conditions: [{ field: 'source.ip', value: '203.0.113.2' }], reason: 'probe', expiresAt: '2025-03-10T12:00:00.000Z' },
};

/** Stadt B's own noise control: neither listed to, nor deletable by, anyone of Stadt A. */
const SUPPRESSION_B = {
  id: 'suppression-b',
  organizationId: ORG_B,
  conditions: [{ field: 'source.ip', value: '203.0.113.2' }],
  reason: 'secret of B',
  expiresAt: '2025-03-20T12:00:00.000Z',
  author: 'officerB',
  createdAt: '2025-03-01T11:00:00.000Z',
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
  // The campaign's entity: an officer of Stadt A asking for it must get only Stadt A's part.
  const withId = path.replace('{id}', target).replace('{entity}', encodeURIComponent('source.ip=198.51.100.7'));
  // List and search endpoints get the foreign organisation as a filter: the classic leak.
  return path.includes('{') ? withId : `${withId}?organization=${ORG_B}`.replace(/\?organization=.*$/, (query) => (['/api/v1/incidents', '/api/v1/alerts'].includes(path) ? query : ''));
}

describe('api > authorisation matrix', () => {
  let api: TestApi;
  let sharedBefore: Incident | undefined;
  before(async () => {
    api = await startTestApi();
    // Officer B's comment on the shared campaign incident must stay with Stadt B.
    await api.client.request('POST', `/api/v1/incidents/${INCIDENT_AB}/comments`, { token: api.token('officerB'), body: { body: 'secret of B' } });
    // The CERT folds Stadt B's duplicate into the campaign: the merge names it in the campaign's timeline.
    await api.store.incidents.recordAlert({ ...duplicateAlert, now: api.clock.now().toISOString() });
    const campaign = await api.store.incidents.get(INCIDENT_AB, ALL);
    const merged = await api.client.request('POST', `/api/v1/incidents/${INCIDENT_AB}/merge`, { token: api.token('analyst'), body: { sourceIds: [DUPLICATE_B], version: campaign!.version } });
    expect(merged.status, merged.text).to.equal(200);
    // What an earlier release let officer B do: take the campaign, and be named in its timeline for it.
    await api.store.incidents.update(INCIDENT_AB, (merged.body as { incident: Incident }).incident.version, { assignee: api.users.officerB.id }, ALL, api.clock.now().toISOString());
    await api.store.audit.append({ actor: 'officerB', action: 'incident.update', objectType: 'incident', objectId: INCIDENT_AB, before: { assignee: null }, after: { assignee: api.users.officerB.id } }, api.clock.now().toISOString());
    sharedBefore = await api.store.incidents.get(INCIDENT_AB, ALL);
    await api.store.suppressions.create(SUPPRESSION_B);
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
          else if (target === INCIDENT_AB && user === 'officerA' && SHARED_WRITES[key]) {
            expect(response.status, label).to.equal(SHARED_WRITES[key]);
            expect(response.body, label).to.include({ code: 'incident_shared' });
          } else expect([200, 201, 400, 403, 404, 409], label).to.include(response.status);
          if (response.status < 300) {
            // A bulk result names the ids the caller sent; it must only say they were not found, or shared.
            const echoed = key === 'post /api/v1/incidents/bulk' ? [INCIDENT_B] : [];
            for (const foreign of FOREIGN.filter((text) => !echoed.includes(text))) expect(response.text, `${label} leaks ${foreign}`).not.to.include(foreign);
            if (echoed.length > 0) {
              const results = (response.body as { results: Record<string, unknown>[] }).results;
              expect(results).to.deep.include({ id: INCIDENT_B, ok: false, status: 404, code: 'not_found', detail: 'incident not found' });
              expect(results.find((result) => result.id === INCIDENT_AB), label).to.include({ ok: false, status: 403, code: 'incident_shared' });
            }
            const page = response.body as { items?: unknown[]; total?: number };
            if (typeof page.total === 'number') expect(page.total, `${label} counts foreign objects`).to.equal(page.items?.length);
          }
        }
      }
      const untouched = await api.store.incidents.get(INCIDENT_B, { kind: 'all' });
      expect(untouched?.version).to.equal(1);
      expect(await api.store.comments.list(INCIDENT_B, { kind: 'all' })).to.have.length(0);
      expect(await api.store.incidents.get(INCIDENT_AB, ALL), 'the shared incident').to.deep.equal(sharedBefore);
      expect(await api.store.suppressions.list(ALL), 'suppressions').to.deep.equal([SUPPRESSION_B]);
    });
  }

  it('officerA reads only Stadt A\'s part of the shared incident: its own alerts and events, no merged or assigned foreign objects, no controls', async () => {
    const response = await api.client.request('GET', `/api/v1/incidents/${INCIDENT_AB}`, { token: api.token('officerA') });
    const detail = response.body as { incident: Incident; changeable: boolean; allowedTransitions: string[]; mergedSources: unknown[]; alerts: { alert: { id: string } }[]; events: { event: { id: string } }[]; timeline: { actor: string }[] };
    expect(detail.incident).to.deep.include({ organizationIds: [ORG_A], assignee: null, alertIds: ['al-ab-a'] });
    expect(detail.alerts.map((item) => item.alert.id)).to.deep.equal(['al-ab-a']);
    expect(detail.events.map((item) => item.event.id)).to.deep.equal(['ev-ab-a']);
    expect(detail.mergedSources).to.deep.equal([]);
    expect(detail.allowedTransitions).to.deep.equal([]);
    expect(detail.changeable).to.equal(false);
    expect(detail.timeline.map((entry) => entry.actor)).not.to.include('officerB');
    const analystView = (await api.client.request('GET', `/api/v1/incidents/${INCIDENT_AB}`, { token: api.token('analyst') })).body as typeof detail;
    expect(analystView.incident.organizationIds).to.deep.equal([ORG_A, ORG_B]);
    expect(analystView.mergedSources).to.have.length(1);
    expect(analystView.changeable).to.equal(true);
  });

  it('officerA assigns their own incident only to someone of Stadt A; the CERT gives a shared one only to CERT staff', async () => {
    const assign = (id: string, assignee: string, user: TestUserName) =>
      api.client.request('PATCH', `/api/v1/incidents/${id}`, { token: api.token(user), body: { version: 1, assignee } });
    expect((await assign(INCIDENT_A, api.users.officerB.id, 'officerA')).status).to.equal(400);
    expect((await assign(INCIDENT_A, api.users.analyst.id, 'officerA')).status).to.equal(400);
    expect((await api.store.incidents.get(INCIDENT_A, ALL))?.version).to.equal(1);
    const shared = (await api.store.incidents.get(INCIDENT_AB, ALL))!;
    const toOfficer = await api.client.request('PATCH', `/api/v1/incidents/${INCIDENT_AB}`, { token: api.token('analyst'), body: { version: shared.version, assignee: api.users.officerA.id } });
    expect(toOfficer.status, toOfficer.text).to.equal(400);
    expect((await api.store.incidents.get(INCIDENT_AB, ALL))?.version).to.equal(shared.version);
    expect((await assign(INCIDENT_A, api.users.officerA.id, 'officerA')).status).to.equal(200);
  });

  it('officerA sees its own and the campaign incident, and counts only those', async () => {
    const response = await api.client.request('GET', '/api/v1/incidents', { token: api.token('officerA') });
    const page = response.body as { items: { id: string; organizationIds: string[] }[]; total: number };
    expect(page.total).to.equal(2);
    expect(page.items.map((item) => item.id)).to.not.include(INCIDENT_B);
    expect(page.items.flatMap((item) => item.organizationIds)).to.deep.equal(['stadt-a', 'stadt-a']);
  });
});
