import { expect } from 'chai';
import { INCIDENT_A, INCIDENT_AB, INCIDENT_B, ORG_A, startTestApi, type TestApi } from './test-api.js';

interface IncidentBody {
  id: string;
  status: string;
  version: number;
  assignee: string | null;
}

describe('api > incidents', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi();
  });
  afterEach(() => api.close());

  const patch = (id: string, body: unknown, headers: Record<string, string> = {}, user: Parameters<TestApi['token']>[0] = 'analyst') =>
    api.client.request('PATCH', `/api/v1/incidents/${id}`, { token: api.token(user), body, headers });

  describe('failures first', () => {
    it('401 without a token on every incident route', async () => {
      for (const [method, path] of [
        ['GET', '/api/v1/incidents'],
        ['GET', `/api/v1/incidents/${INCIDENT_A}`],
        ['PATCH', `/api/v1/incidents/${INCIDENT_A}`],
        ['POST', '/api/v1/incidents/bulk'],
        ['GET', `/api/v1/incidents/${INCIDENT_A}/comments`],
        ['POST', `/api/v1/incidents/${INCIDENT_A}/comments`],
      ] as const) {
        const response = await api.client.request(method, path, method === 'GET' ? {} : { body: {} });
        expect(response.status, `${method} ${path}`).to.equal(401);
        expect(response.body).to.include({ code: 'unauthenticated' });
      }
    });

    it('403 for a recipient, who sees warnings only', async () => {
      const response = await api.client.request('GET', '/api/v1/incidents', { token: api.token('recipientA') });
      expect(response.status).to.equal(403);
      expect(response.body).to.include({ code: 'forbidden' });
      expect((await patch(INCIDENT_A, { version: 1, status: 'acknowledged' }, {}, 'recipientA')).status).to.equal(403);
    });

    it('400 for invalid filters, listing every problem', async () => {
      const response = await api.client.request('GET', '/api/v1/incidents?status=bogus&limit=0&sort=nope', { token: api.token('analyst') });
      expect(response.status).to.equal(400);
      expect((response.body as { errors: { path: string }[] }).errors.map((error) => error.path.split('.')[0])).to.have.members(['status', 'limit', 'sort']);
    });

    it('400 for an invalid patch: unknown field, empty change, bad value', async () => {
      expect((await patch(INCIDENT_A, { version: 1, owner: 'x' })).status).to.equal(400);
      expect((await patch(INCIDENT_A, { version: 1 })).status).to.equal(400);
      expect((await patch(INCIDENT_A, { version: 1, tlp: 'TLP:WHITE' })).status).to.equal(400);
      expect((await patch(INCIDENT_A, { status: 'acknowledged' }, { 'if-match': 'abc' })).status).to.equal(400);
    });

    it('400 for an assignee who cannot see the incident', async () => {
      const response = await patch(INCIDENT_A, { version: 1, assignee: api.users.officerB.id });
      expect(response.status).to.equal(400);
    });

    it('404 for unknown incidents', async () => {
      const token = api.token('analyst');
      expect((await api.client.request('GET', '/api/v1/incidents/nope', { token })).status).to.equal(404);
      expect((await patch('nope', { version: 1, status: 'acknowledged' })).status).to.equal(404);
      expect((await api.client.request('GET', '/api/v1/incidents/nope/comments', { token })).status).to.equal(404);
      expect((await api.client.request('POST', '/api/v1/incidents/nope/comments', { token, body: { body: 'hi' } })).status).to.equal(404);
    });

    it('428 when no version is given', async () => {
      const response = await patch(INCIDENT_A, { status: 'acknowledged' });
      expect(response.status).to.equal(428);
      expect(response.body).to.include({ code: 'version_required' });
    });

    it('409 conflict for a stale version, and the incident is not overwritten', async () => {
      expect((await patch(INCIDENT_A, { status: 'acknowledged' }, { 'if-match': '"1"' })).status).to.equal(200);
      const stale = await patch(INCIDENT_A, { severity: 'low' }, { 'if-match': '"1"' });
      expect(stale.status).to.equal(409);
      expect(stale.body).to.include({ code: 'conflict' });
      const detail = await api.client.request('GET', `/api/v1/incidents/${INCIDENT_A}`, { token: api.token('analyst') });
      expect((detail.body as { incident: { severity: string } }).incident.severity).to.equal('high');
    });

    it('409 invalid_transition for a step the state machine does not allow', async () => {
      const response = await patch(INCIDENT_A, { version: 1, status: 'closed' });
      expect(response.status).to.equal(409);
      expect(response.body).to.include({ code: 'invalid_transition' });
      expect((response.body as { allowed: string[] }).allowed).to.deep.equal(['acknowledged', 'false_positive']);
    });
  });

  describe('success', () => {
    it('lists with filters, sorting, totals and cursor pagination', async () => {
      const token = api.token('analyst');
      const first = await api.client.request('GET', '/api/v1/incidents?limit=2&sort=createdAt&order=asc', { token });
      const page = first.body as { items: IncidentBody[]; nextCursor: string; total: number };
      expect(page.total).to.equal(3);
      expect(page.items).to.have.length(2);
      const second = await api.client.request('GET', `/api/v1/incidents?limit=2&sort=createdAt&order=asc&cursor=${page.nextCursor}`, { token });
      const rest = second.body as { items: IncidentBody[]; nextCursor?: string };
      expect(rest.items).to.have.length(1);
      expect(rest.nextCursor).to.equal(undefined);
      expect([...page.items, ...rest.items].map((item) => item.id)).to.have.members([INCIDENT_A, INCIDENT_B, INCIDENT_AB]);

      const filtered = await api.client.request('GET', `/api/v1/incidents?organization=${ORG_A}&status=new,acknowledged&severity=high`, { token });
      expect((filtered.body as { items: IncidentBody[] }).items.map((item) => item.id)).to.have.members([INCIDENT_A, INCIDENT_AB]);
      const searched = await api.client.request('GET', '/api/v1/incidents?q=198.51.100.7', { token });
      expect((searched.body as { items: IncidentBody[] }).items.map((item) => item.id)).to.deep.equal([INCIDENT_AB]);
    });

    it('shows the detail with alerts, events, observables, comments and timeline, under a weak ETag over the body', async () => {
      const response = await api.client.request('GET', `/api/v1/incidents/${INCIDENT_AB}`, { token: api.token('analyst') });
      expect(response.status).to.equal(200);
      expect(response.headers.get('etag')).to.match(/^W\/"[A-Za-z0-9_-]+"$/);
      const detail = response.body as { alerts: { alert: { id: string } }[]; events: unknown[]; observables: { value: string; count: number }[] };
      expect(detail.alerts.map((alert) => alert.alert.id)).to.have.members(['al-ab-a', 'al-ab-b']);
      expect(detail.events).to.have.length(2);
      expect(detail.observables[0]).to.include({ value: '198.51.100.7', count: 2 });
    });

    it('a new comment changes the detail ETag, so a cached copy is not answered with 304', async () => {
      const token = api.token('analyst');
      const first = await api.client.request('GET', `/api/v1/incidents/${INCIDENT_AB}`, { token });
      const etag = first.headers.get('etag')!;
      // fetch adds `Cache-Control: no-cache` to a conditional request unless one is given, and the server then never answers 304.
      expect((await api.client.request('GET', `/api/v1/incidents/${INCIDENT_AB}`, { token, headers: { 'if-none-match': etag, 'cache-control': 'max-age=0' } })).status).to.equal(304);
      expect((await api.client.request('POST', `/api/v1/incidents/${INCIDENT_AB}/comments`, { token, body: { body: 'new finding' } })).status).to.equal(201);
      const after = await api.client.request('GET', `/api/v1/incidents/${INCIDENT_AB}`, { token, headers: { 'if-none-match': etag, 'cache-control': 'max-age=0' } });
      expect(after.status).to.equal(200);
      expect(after.headers.get('etag')).to.not.equal(etag);
      expect((after.body as { comments: { body: string }[] }).comments.map((comment) => comment.body)).to.include('new finding');
    });

    it('walks the state machine, reopens, assigns and audits each change with before and after', async () => {
      let version = 1;
      for (const status of ['acknowledged', 'investigating', 'contained', 'resolved', 'investigating', 'false_positive']) {
        const response = await patch(INCIDENT_A, { status }, { 'if-match': `"${version}"` });
        expect(response.status, status).to.equal(200);
        const body = response.body as IncidentBody;
        expect(body.status).to.equal(status);
        version = body.version;
      }
      const assigned = await patch(INCIDENT_A, { version, assignee: api.users.officerA.id, tlp: 'TLP:RED' });
      expect(assigned.status).to.equal(200);
      expect((assigned.body as IncidentBody).assignee).to.equal(api.users.officerA.id);
      const audit = await api.store.audit.list({ objectId: INCIDENT_A });
      expect(audit).to.have.length(7);
      expect(audit[0]).to.deep.include({ actor: 'analyst', action: 'incident.transition', before: { status: 'new' }, after: { status: 'acknowledged' } });
      expect(audit[6]).to.deep.include({ action: 'incident.update', after: { assignee: api.users.officerA.id, tlp: 'TLP:RED' } });
    });

    it('comments, and shows them oldest first', async () => {
      const token = api.token('officerA');
      expect((await api.client.request('POST', `/api/v1/incidents/${INCIDENT_A}/comments`, { token, body: { body: '' } })).status).to.equal(400);
      await api.client.request('POST', `/api/v1/incidents/${INCIDENT_A}/comments`, { token, body: { body: 'first' } });
      api.clock.advance(1000);
      const created = await api.client.request('POST', `/api/v1/incidents/${INCIDENT_A}/comments`, { token, body: { body: 'second' } });
      expect(created.status).to.equal(201);
      expect(created.body).not.to.have.property('organizationIds');
      const list = await api.client.request('GET', `/api/v1/incidents/${INCIDENT_A}/comments`, { token: api.token('analyst') });
      expect((list.body as { items: { body: string; authorName: string }[] }).items.map((comment) => comment.body)).to.deep.equal(['first', 'second']);
    });

    it('applies bulk changes with one result per incident', async () => {
      await patch(INCIDENT_B, { version: 1, status: 'false_positive' });
      const response = await api.client.request('POST', '/api/v1/incidents/bulk', { token: api.token('analyst'), body: { ids: [INCIDENT_A, INCIDENT_B, 'nope'], patch: { status: 'acknowledged' } } });
      expect(response.status).to.equal(200);
      const results = (response.body as { results: { id: string; ok: boolean; code?: string }[] }).results;
      expect(results.map((result) => [result.id, result.ok, result.code])).to.deep.equal([
        [INCIDENT_A, true, undefined],
        [INCIDENT_B, false, 'invalid_transition'],
        ['nope', false, 'not_found'],
      ]);
    });
  });
});
