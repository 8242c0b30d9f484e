import { expect } from 'chai';
import type { IncidentStats } from '../../../core/ports/stores.js';
import { startTestApi, type TestApi } from './test-api.js';

/** The test API holds three incidents first seen 2025-03-01T10:00Z: one of Stadt A, one of Stadt B, a campaign of both. */
describe('api > incidents > stats', () => {
  let api: TestApi;
  before(async () => {
    api = await startTestApi();
  });
  after(() => api.close());

  const stats = (query: string, user: 'analyst' | 'officerA' | 'recipientA' = 'analyst') => api.client.request('GET', `/api/v1/incidents/stats${query}`, { token: api.token(user) });

  it('refuses callers without incidents:read and malformed windows', async () => {
    expect((await api.client.request('GET', '/api/v1/incidents/stats')).status).to.equal(401);
    expect((await stats('', 'recipientA')).status).to.equal(403);
    expect((await stats('?bucket=week')).status).to.equal(400);
    expect((await stats('?from=yesterday')).status).to.equal(400);
    expect((await stats('?from=2025-03-02T00:00:00Z&to=2025-03-01T00:00:00Z')).status).to.equal(400);
    expect((await stats('?from=2020-01-01T00:00:00Z&to=2025-03-01T00:00:00Z&bucket=hour')).status).to.equal(400);
  });

  it('counts every incident of the window for the CERT, by hour', async () => {
    const response = await stats('?from=2025-03-01T08:00:00Z&to=2025-03-01T11:59:59Z&bucket=hour');
    expect(response.status).to.equal(200);
    const body = response.body as IncidentStats;
    expect(body.overTime.map((bucket) => [bucket.at, bucket.counts.high])).to.deep.equal([
      ['2025-03-01T08:00:00.000Z', 0],
      ['2025-03-01T09:00:00.000Z', 0],
      ['2025-03-01T10:00:00.000Z', 3],
      ['2025-03-01T11:00:00.000Z', 0],
    ]);
    expect(body.byOrganisation).to.deep.equal([
      { organizationId: 'stadt-a', count: 2 },
      { organizationId: 'stadt-b', count: 2 },
    ]);
    expect(body.byRule).to.deep.equal([{ ruleId: 'ssh-brute-force', ruleTitle: 'SSH brute force', count: 3 }]);
    expect(body.byStatus.new).to.equal(3);
  });

  it('counts only the officer\'s incidents and names no other organisation, with the default window', async () => {
    const response = await stats('', 'officerA');
    expect(response.status).to.equal(200);
    const body = response.body as IncidentStats;
    expect(body.overTime).to.have.length(8);
    expect(body.byOrganisation).to.deep.equal([{ organizationId: 'stadt-a', count: 2 }]);
    expect(body.byStatus.new).to.equal(2);
    expect(response.text).not.to.include('stadt-b');
  });
});
