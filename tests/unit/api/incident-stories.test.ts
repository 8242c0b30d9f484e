import { expect } from 'chai';
import type { Alert } from '../../../core/domain/alert.js';
import { ORG_A, ORG_B, startTestApi, type TestApi, type TestUserName } from './test-api.js';

const ATTACKER = 'source.ip=203.0.113.77';

interface Summary {
  id: string;
  campaignId?: string | null;
  childIds?: string[];
  sharedEntities?: string[];
}

function storyAlert(id: string, organizationId: string): Alert {
  return { '@timestamp': '2025-03-01T11:00:00.000Z', alert: { id, count: 1 }, rule: { id: 'vpn-login', title: 'VPN login', level: 'high', type: 'sigma' }, event_ids: [], organization: { id: organizationId }, tags: [] };
}

describe('api > incident stories', () => {
  let api: TestApi;
  const get = (user: TestUserName, path: string) => api.client.request('GET', path, { token: api.token(user) });

  before(async () => {
    api = await startTestApi();
    const now = api.clock.now().toISOString();
    // Stadt A: two incidents on one host, one of them hit by the attacker who also hit Stadt B.
    const stories: [string, string, string[]][] = [
      ['story-a1', ORG_A, ['host.name=fs01', ATTACKER]],
      ['story-a2', ORG_A, ['host.name=fs01']],
      ['story-b1', ORG_B, [ATTACKER]],
    ];
    for (const [id, organizationId, entities] of stories) {
      await api.store.alerts.putMany([storyAlert(`al-${id}`, organizationId)]);
      await api.store.incidents.recordAlert({ incidentId: id, title: `${id} title`, organizationId, ruleId: 'vpn-login', ruleTitle: 'VPN login', entity: entities[0]!, entities, severity: 'high', alertId: `al-${id}`, eventCount: 1, at: '2025-03-01T11:00:00.000Z', tags: [], now });
    }
    // An incident both towns share (as before campaigns): its entities are Stadt A's and Stadt B's.
    for (const [organizationId, host] of [[ORG_A, 'a-gateway'], [ORG_B, 'b-secret-host']] as const) {
      await api.store.alerts.putMany([storyAlert(`al-shared-${organizationId}`, organizationId)]);
      await api.store.incidents.recordAlert({ incidentId: 'story-shared', title: 'shared title', organizationId, ruleId: 'vpn-login', ruleTitle: 'VPN login', entity: '', entities: [`host.name=${host}`], severity: 'high', alertId: `al-shared-${organizationId}`, eventCount: 1, at: '2025-03-01T11:00:00.000Z', tags: [], now });
    }
    await api.store.incidents.linkCampaign('campaign-1', 'story-a1', 'VPN login – 203.0.113.77', now);
    await api.store.incidents.linkCampaign('campaign-1', 'story-b1', 'VPN login – 203.0.113.77', now);
  });
  after(() => api.close());

  it('lists for the CERT the incidents sharing an entity across organisations, each with what they share', async () => {
    const response = await get('analyst', '/api/v1/incidents/story-a1/related');
    expect(response.status, response.text).to.equal(200);
    const items = (response.body as { items: Summary[] }).items;
    const shared = Object.fromEntries(items.map((item) => [item.id, item.sharedEntities]));
    expect(shared).to.deep.include({ 'story-a2': ['host.name=fs01'], 'story-b1': [ATTACKER] });
    expect(shared).not.to.have.property('story-a1');
  });

  it('lists for an officer only their own organisation\'s related incidents', async () => {
    const response = await get('officerA', '/api/v1/incidents/story-a1/related');
    expect(response.status).to.equal(200);
    expect((response.body as { items: Summary[] }).items.map((item) => item.id)).to.deep.equal(['story-a2']);
    expect(response.text).not.to.include('campaign-1');
    expect((await get('officerA', '/api/v1/incidents/story-b1/related')).status).to.equal(404);
  });

  it('shows an entity\'s incidents and alerts within the caller\'s scope', async () => {
    const path = `/api/v1/entities/${encodeURIComponent(ATTACKER)}`;
    const cert = (await get('analyst', path)).body as { entity: string; incidents: Summary[]; alerts: { id: string; organizationId: string | null }[] };
    expect(cert.entity).to.equal(ATTACKER);
    expect(cert.incidents.map((incident) => incident.id)).to.have.members(['story-a1', 'story-b1', 'campaign-1']);
    expect(cert.alerts.map((alert) => alert.id)).to.have.members(['al-story-a1', 'al-story-b1']);
    const officer = await get('officerA', path);
    expect((officer.body as typeof cert).incidents.map((incident) => incident.id)).to.deep.equal(['story-a1']);
    expect((officer.body as typeof cert).alerts.map((alert) => alert.id)).to.deep.equal(['al-story-a1']);
    expect(officer.text).not.to.include('campaign-1').and.not.to.include(ORG_B);
  });

  it('names no entity of a shared incident to an officer: none says which organisation it belongs to', async () => {
    expect(((await get('analyst', '/api/v1/incidents/story-shared')).body as { incident: { entities: string[] } }).incident.entities).to.include('host.name=b-secret-host');
    for (const path of ['/api/v1/incidents/story-shared', '/api/v1/incidents/story-shared/related', '/api/v1/incidents?limit=200']) {
      const response = await get('officerA', path);
      expect(response.status, path).to.equal(200);
      expect(response.text, path).not.to.include('b-secret-host');
    }
  });

  it('refuses an entity of a field it does not know', async () => {
    const response = await get('analyst', `/api/v1/entities/${encodeURIComponent('event.original=x')}`);
    expect(response.status).to.equal(400);
  });

  it('lists a campaign once in the CERT\'s queue, and its children when asked for them', async () => {
    const queue = ((await get('analyst', '/api/v1/incidents?limit=200')).body as { items: Summary[] }).items.map((item) => item.id);
    expect(queue).to.include('campaign-1').and.include('story-a2');
    expect(queue).not.to.include('story-a1');
    const children = ((await get('analyst', '/api/v1/incidents?campaign=campaign-1')).body as { items: Summary[] }).items.map((item) => item.id);
    expect(children).to.have.members(['story-a1', 'story-b1']);
  });

  it('ignores a campaign filter from an officer, and tells them nothing of the campaign', async () => {
    const response = await get('officerA', '/api/v1/incidents?campaign=campaign-1&limit=200');
    const items = (response.body as { items: Summary[] }).items;
    expect(items.map((item) => item.id)).to.include('story-a1').and.include('story-a2');
    expect(response.text).not.to.include('campaign-1');
  });
});
