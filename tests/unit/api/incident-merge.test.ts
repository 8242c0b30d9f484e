import { expect } from 'chai';
import { ALL } from '../../../core/domain/scope.js';
import { INCIDENT_A, INCIDENT_AB, INCIDENT_B, ORG_A, startTestApi, type TestApi, type TestUserName } from './test-api.js';

/** A second incident of Stadt A, a duplicate of INCIDENT_A, to merge into it. */
const DUPLICATE_A = 'incident-a2';

interface MergeBody {
  incident: { id: string; version: number; alertCount: number; mergedInto?: string | null };
  merged: string[];
}

interface DetailBody {
  incident: { id: string; status: string; mergedInto?: string | null; alertIds: string[] };
  allowedTransitions: string[];
  mergedSources: { id: string; status: string }[];
  comments: { body: string }[];
}

describe('api > incidents > merge', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi();
    await api.store.alerts.putMany([
      {
        '@timestamp': '2025-03-01T11:00:00.000Z',
        alert: { id: 'al-a2', count: 3 },
        rule: { id: 'ssh-brute-force', title: 'SSH brute force', level: 'critical', type: 'sigma' },
        event_ids: ['ev-a'],
        organization: { id: ORG_A },
        tags: ['attack.t1078'],
      },
    ]);
    await api.store.incidents.recordAlert({
      incidentId: DUPLICATE_A,
      title: 'duplicate brute force',
      organizationId: ORG_A,
      ruleId: 'ssh-brute-force',
      ruleTitle: 'SSH brute force',
      entity: 'source.ip=203.0.113.1',
      severity: 'critical',
      alertId: 'al-a2',
      eventCount: 3,
      at: '2025-03-01T11:00:00.000Z',
      tags: ['attack.t1078'],
      now: api.clock.now().toISOString(),
    });
  });
  afterEach(() => api.close());

  const merge = (target: string, body: unknown, user: TestUserName = 'analyst', headers: Record<string, string> = {}) =>
    api.client.request('POST', `/api/v1/incidents/${target}/merge`, { token: api.token(user), body, headers });
  const detail = async (id: string, user: TestUserName = 'analyst') => (await api.client.request('GET', `/api/v1/incidents/${id}`, { token: api.token(user) })).body as DetailBody;

  describe('failures first', () => {
    it('401 without a token', async () => {
      const response = await api.client.request('POST', `/api/v1/incidents/${INCIDENT_A}/merge`, { body: { sourceIds: [DUPLICATE_A], version: 1 } });
      expect(response.status).to.equal(401);
      expect(response.body).to.include({ code: 'unauthenticated' });
    });

    it('403 for a recipient, and for an officer naming an incident that spans another organisation', async () => {
      expect((await merge(INCIDENT_A, { sourceIds: [DUPLICATE_A], version: 1 }, 'recipientA')).status).to.equal(403);
      const campaignSource = await merge(INCIDENT_A, { sourceIds: [INCIDENT_AB], version: 1 }, 'officerA');
      expect(campaignSource.status).to.equal(403);
      expect(campaignSource.body).to.include({ code: 'incident_shared' });
      expect((await merge(INCIDENT_AB, { sourceIds: [DUPLICATE_A], version: 1 }, 'officerA')).status).to.equal(403);
      expect((await api.store.incidents.get(DUPLICATE_A, ALL))?.status).to.equal('new');
    });

    it('400 for a malformed body: no sources, unknown field, bad If-Match', async () => {
      expect((await merge(INCIDENT_A, { sourceIds: [], version: 1 })).status).to.equal(400);
      expect((await merge(INCIDENT_A, { sourceIds: [DUPLICATE_A], version: 1, force: true })).status).to.equal(400);
      expect((await merge(INCIDENT_A, { sourceIds: [DUPLICATE_A] }, 'analyst', { 'if-match': 'latest' })).status).to.equal(400);
    });

    it('404 for an unknown target or source, and for another organisation\'s incident', async () => {
      expect((await merge('nope', { sourceIds: [DUPLICATE_A], version: 1 })).status).to.equal(404);
      expect((await merge(INCIDENT_A, { sourceIds: [DUPLICATE_A, 'nope'], version: 1 })).status).to.equal(404);
      const foreign = await merge(INCIDENT_A, { sourceIds: [INCIDENT_B], version: 1 }, 'officerA');
      expect(foreign.status).to.equal(404);
      expect(foreign.text).not.to.include('stadt-b');
      expect((await merge(INCIDENT_B, { sourceIds: [DUPLICATE_A], version: 1 }, 'officerA')).status).to.equal(404);
      // Nothing was folded before the unknown source was noticed.
      expect((await api.store.incidents.get(INCIDENT_A, ALL))?.alertIds).to.deep.equal(['al-a']);
    });

    it('428 without a version', async () => {
      const response = await merge(INCIDENT_A, { sourceIds: [DUPLICATE_A] });
      expect(response.status).to.equal(428);
      expect(response.body).to.include({ code: 'version_required' });
    });

    it('409 for a stale target version, the target among the sources, and a source merged elsewhere', async () => {
      const stale = await merge(INCIDENT_A, { sourceIds: [DUPLICATE_A] }, 'analyst', { 'if-match': '"7"' });
      expect(stale.status).to.equal(409);
      expect(stale.body).to.include({ code: 'conflict' });
      const self = await merge(INCIDENT_A, { sourceIds: [INCIDENT_A, DUPLICATE_A], version: 1 });
      expect(self.status).to.equal(409);
      expect(self.body).to.include({ code: 'merge_into_self' });

      expect((await merge(INCIDENT_A, { sourceIds: [DUPLICATE_A], version: 1 })).status).to.equal(200);
      const elsewhere = await merge(INCIDENT_B, { sourceIds: [DUPLICATE_A], version: 1 });
      expect(elsewhere.status).to.equal(409);
      expect(elsewhere.body).to.include({ code: 'already_merged' });
      const intoMerged = await merge(DUPLICATE_A, { sourceIds: [INCIDENT_B], version: (await api.store.incidents.get(DUPLICATE_A, ALL))!.version });
      expect(intoMerged.status).to.equal(409);
      expect(intoMerged.body).to.include({ code: 'already_merged' });
      expect((await api.store.incidents.get(INCIDENT_B, ALL))?.status).to.equal('new');
    });
  });

  describe('success', () => {
    it('folds the alerts into the target, closes the source pointing at it and audits both', async () => {
      await api.client.request('POST', `/api/v1/incidents/${DUPLICATE_A}/comments`, { token: api.token('analyst'), body: { body: 'seen this before' } });
      const response = await merge(INCIDENT_A, { sourceIds: [DUPLICATE_A] }, 'analyst', { 'if-match': '"1"' });
      expect(response.status).to.equal(200);
      const body = response.body as MergeBody;
      expect(body.merged).to.deep.equal([DUPLICATE_A]);
      expect(body.incident).to.include({ id: INCIDENT_A, alertCount: 2, version: 2 });
      expect(response.headers.get('etag')).to.equal('"2"');

      const target = await api.store.incidents.get(INCIDENT_A, ALL);
      expect(target?.alertIds).to.deep.equal(['al-a', 'al-a2']);
      expect(target).to.include({ severity: 'critical', eventCount: 4, lastSeen: '2025-03-01T11:00:00.000Z' });
      expect(target?.tags).to.include('attack.t1078');
      const source = await api.store.incidents.get(DUPLICATE_A, ALL);
      expect(source).to.include({ status: 'closed', mergedInto: INCIDENT_A });

      const shown = await detail(INCIDENT_A);
      expect(shown.mergedSources).to.deep.equal([{ id: DUPLICATE_A, title: 'duplicate brute force', status: 'closed', alertCount: 1 }]);
      expect((await detail(DUPLICATE_A)).comments.map((comment) => comment.body)).to.deep.equal(['seen this before']);

      const audit = await api.store.audit.list({ limit: 100 });
      const sourceEntry = audit.find((entry) => entry.action === 'incident.merge' && entry.objectId === DUPLICATE_A);
      expect(sourceEntry).to.deep.include({ actor: 'analyst', before: { status: 'new', mergedInto: null }, after: { status: 'closed', mergedInto: INCIDENT_A } });
      const targetEntry = audit.find((entry) => entry.action === 'incident.merge' && entry.objectId === INCIDENT_A);
      expect(targetEntry?.before).to.deep.include({ alertCount: 1, severity: 'high' });
      expect(targetEntry?.after).to.deep.include({ alertCount: 2, severity: 'critical', mergedSources: [DUPLICATE_A] });
    });

    it('answers a retried merge with 200 and changes nothing', async () => {
      expect((await merge(INCIDENT_A, { sourceIds: [DUPLICATE_A], version: 1 })).status).to.equal(200);
      const entries = (await api.store.audit.list({ limit: 100 })).length;
      const retry = await merge(INCIDENT_A, { sourceIds: [DUPLICATE_A], version: 1 });
      expect(retry.status).to.equal(200);
      expect((retry.body as MergeBody).merged).to.deep.equal([]);
      expect((await api.store.incidents.get(INCIDENT_A, ALL))).to.include({ version: 2, alertCount: 2 });
      expect((await api.store.incidents.get(DUPLICATE_A, ALL))?.version).to.equal(2);
      expect(await api.store.audit.list({ limit: 100 })).to.have.length(entries);
    });

    it('lets an officer merge their own organisation\'s incidents', async () => {
      const response = await merge(INCIDENT_A, { sourceIds: [DUPLICATE_A], version: 1 }, 'officerA');
      expect(response.status).to.equal(200);
      expect((await detail(INCIDENT_A, 'officerA')).mergedSources.map((source) => source.id)).to.deep.equal([DUPLICATE_A]);
    });

    it('lists the allowed transitions in the detail, none for a merged incident', async () => {
      expect((await detail(INCIDENT_A)).allowedTransitions).to.deep.equal(['acknowledged', 'false_positive']);
      await api.client.request('PATCH', `/api/v1/incidents/${INCIDENT_A}`, { token: api.token('analyst'), body: { version: 1, status: 'acknowledged' } });
      expect((await detail(INCIDENT_A)).allowedTransitions).to.deep.equal(['investigating', 'false_positive']);
      await merge(INCIDENT_A, { sourceIds: [DUPLICATE_A], version: 2 });
      const merged = await detail(DUPLICATE_A);
      expect(merged.incident).to.include({ status: 'closed', mergedInto: INCIDENT_A });
      expect(merged.allowedTransitions).to.deep.equal([]);
    });

    it('documents the route and the new fields in the OpenAPI document', async () => {
      const document = (await api.client.request('GET', '/api/v1/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
      expect(document.paths['/api/v1/incidents/{id}/merge']).to.have.property('post');
      expect(JSON.stringify(document.paths['/api/v1/incidents/{id}'])).to.include('allowedTransitions');
    });
  });
});
