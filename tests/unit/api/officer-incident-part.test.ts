import { expect } from 'chai';
import type { Alert } from '../../../core/domain/alert.js';
import type { EcsEvent } from '../../../core/domain/ecs.js';
import { INCIDENT_A, INCIDENT_AB, ORG_A, ORG_B, startTestApi, type TestApi, type TestUserName } from './test-api.js';

interface DetailView {
  incident: { organizationIds: string[]; alertCount: number; eventCount: number; firstSeen: string; lastSeen: string };
  changeable: boolean;
  alerts: { alert: { id: string } }[];
  events: EcsEvent[];
}

function event(id: string, organizationId: string): EcsEvent {
  return { '@timestamp': '2025-03-01T10:05:00.000Z', event: { id, kind: 'event' }, organization: { id: organizationId }, source: { ip: '198.51.100.23' }, user: { name: `sprayed-${organizationId}` } };
}

/** A correlation over several organisations: it belongs to none of them, and names events of each. */
function crossOrgAlert(id: string, eventIds: string[]): Alert {
  return {
    '@timestamp': '2025-03-01T10:06:00.000Z',
    alert: { id, count: 1 },
    rule: { id: 'password-spraying', title: 'Password spraying across organisations', level: 'high', type: 'correlation' },
    event_ids: eventIds,
    organization: { id: null, ids: [ORG_A, ORG_B] },
    tags: [],
  };
}

/**
 * Lagebild issue 19, item 4: an officer on an incident their organisation shares sees the evidence
 * of their own organisation, counted as shown, and cannot act on what is the CERT's.
 */
describe('api > an officer\'s part of an incident', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi();
  });
  afterEach(() => api.close());

  const detail = async (user: TestUserName, id: string) => {
    const answer = await api.client.request('GET', `/api/v1/incidents/${id}`, { token: api.token(user) });
    expect(answer.status, answer.text).to.equal(200);
    return answer.body as DetailView;
  };
  const eventIds = (view: DetailView) => view.events.map((item) => item.event.id).sort();

  it('shows the officer of a shared incident their own events and counts only those', async () => {
    const cert = await detail('analyst', INCIDENT_AB);
    expect(eventIds(cert)).to.deep.equal(['ev-ab-a', 'ev-ab-b']);
    expect(cert.incident).to.include({ alertCount: 2, eventCount: 2 });

    const officer = await detail('officerA', INCIDENT_AB);
    expect(officer.changeable).to.equal(false);
    expect(eventIds(officer)).to.deep.equal(['ev-ab-a']);
    expect(officer.alerts.map((alert) => alert.alert.id)).to.deep.equal(['al-ab-a']);
    expect(officer.incident).to.include({ alertCount: 1, eventCount: 1 });
    expect(officer.incident.organizationIds).to.deep.equal([ORG_A]);
  });

  it('finds the officer\'s events in an alert naming several organisations, and none of the others\'', async () => {
    await api.store.events.putMany([event('ev-spray-a', ORG_A), event('ev-spray-b', ORG_B)]);
    const alert = crossOrgAlert('al-spray', ['ev-spray-a', 'ev-spray-b']);
    await api.store.alerts.putMany([alert]);
    await api.store.incidents.recordAlert({
      incidentId: INCIDENT_A,
      title: 'incident-a brute force',
      organizationId: ORG_A,
      ruleId: alert.rule.id,
      ruleTitle: alert.rule.title,
      entity: 'source.ip=al-a',
      severity: 'high',
      alertId: alert.alert.id,
      eventCount: 2,
      at: alert['@timestamp'],
      tags: [],
      now: api.clock.now().toISOString(),
    });

    const officer = await detail('officerA', INCIDENT_A);
    expect(eventIds(officer)).to.deep.equal(['ev-a', 'ev-spray-a']);
    expect(officer.alerts.map((item) => item.alert.id)).to.deep.equal(['al-a']);
    // Dated by what they see: their last event, not the correlation's firing a minute later.
    expect(officer.incident).to.include({ alertCount: 1, eventCount: 2, firstSeen: '2025-03-01T10:00:00.000Z', lastSeen: '2025-03-01T10:05:00.000Z' });
    expect(JSON.stringify(officer)).to.not.include('ev-spray-b').and.to.not.include(`sprayed-${ORG_B}`);

    const cert = await detail('analyst', INCIDENT_A);
    expect(eventIds(cert)).to.deep.equal(['ev-a', 'ev-spray-a', 'ev-spray-b']);
    expect(cert.incident).to.include({ alertCount: 2, eventCount: 3, lastSeen: '2025-03-01T10:06:00.000Z' });
  });

  it('keeps the counts of an incident the officer sees whole', async () => {
    const officer = await detail('officerA', INCIDENT_A);
    expect(officer.changeable).to.equal(true);
    expect(officer.incident).to.include({ alertCount: 1, eventCount: 1 });
  });

  it('refuses the officer a suppression made from the shared incident, which the CERT may make', async () => {
    const suppression = (sourceIncidentId: string) => ({
      organizationId: ORG_A,
      ruleId: 'ssh-brute-force',
      conditions: [{ field: 'source.ip', value: '198.51.100.7' }],
      reason: 'Scanner des Dienstleisters',
      expiresAt: '2025-03-31T12:00:00.000Z',
      sourceIncidentId,
    });
    const refused = await api.client.request('POST', '/api/v1/suppressions', { token: api.token('officerA'), body: suppression(INCIDENT_AB) });
    expect(refused.status, refused.text).to.equal(403);
    expect(refused.body).to.include({ code: 'incident_shared' });
    expect(((await api.client.request('GET', '/api/v1/suppressions', { token: api.token('analyst') })).body as { items: unknown[] }).items).to.deep.equal([]);

    const own = await api.client.request('POST', '/api/v1/suppressions', { token: api.token('officerA'), body: suppression(INCIDENT_A) });
    expect(own.status, own.text).to.equal(201);
    const cert = await api.client.request('POST', '/api/v1/suppressions', { token: api.token('analyst'), body: suppression(INCIDENT_AB) });
    expect(cert.status, cert.text).to.equal(201);
  });
});
