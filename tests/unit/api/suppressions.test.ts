import { expect } from 'chai';
import type { RulesCatalog } from '../../../core/ports/rules-catalog.js';
import { INCIDENT_A, INCIDENT_B, ORG_A, ORG_B, startTestApi, type TestApi, type TestUserName } from './test-api.js';

interface View {
  id: string;
  organizationId: string | null;
  organisationName?: string;
  ruleTitle?: string;
  active: boolean;
  expiresAt: string;
  author: string;
}

/** Only `get` is asked for: the presenter resolves rule titles one id at a time. */
const rules = { get: (id: string) => (id === 'ssh-brute-force' ? { id, title: 'SSH brute force' } : undefined) } as unknown as RulesCatalog;

describe('api > suppressions', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi({ rules });
  });
  afterEach(() => api.close());

  const body = (overrides: Record<string, unknown> = {}) => ({
    organizationId: ORG_A,
    ruleId: 'ssh-brute-force',
    conditions: [{ field: 'source.ip', value: '203.0.113.7' }],
    reason: 'the vulnerability scanner',
    expiresAt: '2025-03-31T12:00:00.000Z',
    ...overrides,
  });
  const create = (user: TestUserName, value: unknown) => api.client.request('POST', '/api/v1/suppressions', { token: api.token(user), body: value });
  const list = async (user: TestUserName) => ((await api.client.request('GET', '/api/v1/suppressions', { token: api.token(user) })).body as { items: View[] }).items;

  it('creates with names a reader recognises, lists per scope, and deletes by expiring now', async () => {
    const created = await create('officerA', body({ sourceIncidentId: INCIDENT_A }));
    expect(created.status, created.text).to.equal(201);
    expect(created.body).to.deep.include({ organizationId: ORG_A, organisationName: 'Stadt A', ruleTitle: 'SSH brute force', active: true, author: 'officerA', sourceIncidentId: INCIDENT_A });
    const forAll = await create('analyst', body({ organizationId: null, ruleId: undefined }));
    expect(forAll.status, forAll.text).to.equal(201);
    expect((await list('analyst')).map((item) => item.organizationId)).to.have.members([ORG_A, null]);
    expect((await list('officerA')).map((item) => item.id)).to.deep.equal([(created.body as View).id]);
    expect(await list('officerB')).to.deep.equal([]);
    expect((await api.client.request('DELETE', `/api/v1/suppressions/${(forAll.body as View).id}`, { token: api.token('officerA') })).status).to.equal(404);
    api.clock.advance(60_000);
    const deleted = await api.client.request('DELETE', `/api/v1/suppressions/${(created.body as View).id}`, { token: api.token('officerA') });
    expect(deleted.body).to.deep.include({ active: false, expiresAt: '2025-03-01T12:01:00.000Z' });
    const audit = await api.store.audit.list({ objectId: (created.body as View).id });
    expect(audit.map((entry) => [entry.action, entry.actor])).to.deep.equal([
      ['suppression.create', 'officerA'],
      ['suppression.delete', 'officerA'],
    ]);
  });

  it('answers each problem with its code', async () => {
    const foreign = await create('officerA', body({ organizationId: ORG_B }));
    expect({ status: foreign.status, code: (foreign.body as { code: string }).code }).to.deep.equal({ status: 403, code: 'suppression_out_of_scope' });
    const invalid = await create('analyst', body({ ruleId: undefined, conditions: [], reason: ' ', expiresAt: '2025-02-28T12:00:00.000Z', sourceIncidentId: 'missing' }));
    expect(invalid.status).to.equal(422);
    expect(invalid.headers.get('content-type')).to.include('application/problem+json');
    const problem = invalid.body as { code: string; errors: { code: string; path: string }[] };
    expect(problem.code).to.equal('suppression_invalid');
    expect(problem.errors.map((error) => error.code)).to.deep.equal(['suppression_too_broad', 'suppression_reason_missing', 'suppression_expiry_past', 'suppression_unknown_incident']);
    expect((await create('officerA', body({ sourceIncidentId: INCIDENT_B }))).status, 'another organisation\'s incident').to.equal(422);
    expect((await create('analyst', body({ conditions: [{ field: 'source ip', value: 'x' }] }))).status).to.equal(400);
    expect((await create('recipientA', body())).status).to.equal(403);
    expect(await list('analyst')).to.deep.equal([]);
  });
});
