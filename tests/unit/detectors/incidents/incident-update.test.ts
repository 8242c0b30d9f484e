import { expect } from 'chai';
import type { Alert } from '../../../../core/domain/alert.js';
import { incidentUpdateFor } from '../../../../detectors/incidents/incident-update.js';

function alert(overrides: Partial<Alert> = {}): Alert {
  return {
    '@timestamp': '2025-03-01T10:00:00.000Z',
    alert: { id: 'a1', count: 3 },
    rule: { id: 'r1', title: 'SSH password guessing', level: 'high', type: 'correlation' },
    event_ids: ['e1', 'e2', 'e3'],
    group: { 'source.ip': '203.0.113.7', 'organization.id': 'org-a' },
    organization: { id: 'org-a' },
    tags: ['attack.t1110'],
    ...overrides,
  };
}

describe('detectors > incidents > incidentUpdateFor', () => {
  const now = new Date('2025-03-01T10:00:05Z');

  it('names the incident an alert opens after its organisation and itself, and lists its entities', () => {
    const update = incidentUpdateFor(alert(), 'org-a', now);
    expect(update).to.include({ title: 'SSH password guessing – 203.0.113.7', entity: 'source.ip=203.0.113.7', organizationId: 'org-a', severity: 'high', alertId: 'a1', eventCount: 3, now: now.toISOString() });
    expect(update.entities).to.deep.equal(['source.ip=203.0.113.7']);
    expect(incidentUpdateFor(alert(), 'org-a', new Date()).incidentId).to.equal(update.incidentId);
    expect(incidentUpdateFor(alert({ alert: { id: 'a2', count: 1 } }), 'org-a', now).incidentId).to.not.equal(update.incidentId);
    expect(incidentUpdateFor(alert(), 'org-b', now).incidentId).to.not.equal(update.incidentId);
  });

  it('takes the entity from the evidence when the rule grouped by nothing', () => {
    const rest = alert();
    delete rest.group;
    const update = incidentUpdateFor({ ...rest, events: [{ '@timestamp': 'x', event: { id: 'e1' }, user: { name: 'Admin' }, host: { name: 'DC1' } }] }, 'org-a', now);
    expect(update.entity).to.equal('user.name=Admin');
    expect(update.title).to.equal('SSH password guessing – Admin');
    expect(update.entities).to.deep.equal(['host.name=dc1', 'user.name=admin']);
  });

  it('gives an alert spanning organisations one update per organisation with that organisation’s entities', () => {
    const events = [
      { '@timestamp': 'x', event: { id: 'e1' }, organization: { id: 'org-a' }, host: { name: 'fs-a' }, source: { ip: '203.0.113.7' } },
      { '@timestamp': 'x', event: { id: 'e2' }, organization: { id: 'org-b' }, host: { name: 'fs-b' }, source: { ip: '203.0.113.7' } },
    ];
    const spanning = alert({ organization: { id: null, ids: ['org-a', 'org-b'] }, group: { 'source.ip': '203.0.113.7' }, events });
    const forA = incidentUpdateFor(spanning, 'org-a', now);
    const forB = incidentUpdateFor(spanning, 'org-b', now);
    expect(forA.organizationId).to.equal('org-a');
    expect(forA.entities).to.deep.equal(['host.name=fs-a', 'source.ip=203.0.113.7']);
    expect(forB.entities).to.deep.equal(['host.name=fs-b', 'source.ip=203.0.113.7']);
    expect(forA.incidentId).to.not.equal(forB.incidentId);
  });
});
