import { expect } from 'chai';
import { INCIDENT_A, INCIDENT_AB, ORG_A, ORG_B, startTestApi, type TestApi } from './test-api.js';

interface ObligationBody {
  id: string;
  organizationId: string;
  incidentId: string | null;
}

describe('api > report obligations from an incident', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi();
  });
  afterEach(() => api.close());

  const request = (incidentId: string, organizationId?: string) =>
    api.client.request('POST', `/api/v1/incidents/${incidentId}/report-obligations`, {
      token: api.token('analyst'),
      body: { awarenessAt: '2025-03-01T11:00:00.000Z', ...(organizationId ? { organizationId } : {}) },
    });
  const listed = async (organizationId: string) =>
    ((await api.client.request('GET', `/api/v1/report-obligations?organization=${organizationId}`, { token: api.token('analyst') })).body as { items: ObligationBody[] }).items;

  it('a second request for the same incident and organisation answers 200 with the first obligation instead of a duplicate', async () => {
    const first = await request(INCIDENT_A);
    expect(first.status).to.equal(201);
    const second = await request(INCIDENT_A, ORG_A);
    expect(second.status).to.equal(200);
    expect((second.body as ObligationBody).id).to.equal((first.body as ObligationBody).id);
    expect((await listed(ORG_A)).map((obligation) => obligation.incidentId)).to.deep.equal([INCIDENT_A]);
  });

  it('requests racing each other still leave one obligation', async () => {
    const answers = await Promise.all([request(INCIDENT_A), request(INCIDENT_A), request(INCIDENT_A)]);
    expect(answers.map((answer) => answer.status).sort()).to.deep.equal([200, 200, 201]);
    expect(new Set(answers.map((answer) => (answer.body as ObligationBody).id)).size).to.equal(1);
    expect(await listed(ORG_A)).to.have.length(1);
  });

  it('each organisation of a shared incident gets its own obligation', async () => {
    const [a, b] = [await request(INCIDENT_AB, ORG_A), await request(INCIDENT_AB, ORG_B)];
    expect([a.status, b.status]).to.deep.equal([201, 201]);
    expect((a.body as ObligationBody).id).to.not.equal((b.body as ObligationBody).id);
  });
});
