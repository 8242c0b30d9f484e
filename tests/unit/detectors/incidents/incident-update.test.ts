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

  it('groups by organisation, rule, entity and day bucket', () => {
    const update = incidentUpdateFor(alert(), now);
    expect(update).to.include({ title: 'SSH password guessing – 203.0.113.7', entity: 'source.ip=203.0.113.7', organizationId: 'org-a', severity: 'high', alertId: 'a1', eventCount: 3, now: now.toISOString() });
    const laterSameDay = incidentUpdateFor(alert({ '@timestamp': '2025-03-01T22:00:00.000Z', alert: { id: 'a2', count: 1 } }), now);
    expect(laterSameDay.incidentId).to.equal(update.incidentId);
    expect(incidentUpdateFor(alert({ '@timestamp': '2025-03-02T01:00:00.000Z' }), now).incidentId).to.not.equal(update.incidentId);
    expect(incidentUpdateFor(alert({ organization: { id: 'org-b' }, group: { 'source.ip': '203.0.113.7', 'organization.id': 'org-b' } }), now).incidentId).to.not.equal(update.incidentId);
    expect(incidentUpdateFor(alert({ group: { 'source.ip': '203.0.113.8' } }), now).incidentId).to.not.equal(update.incidentId);
  });

  it('takes the entity from the evidence when the rule grouped by nothing', () => {
    const rest = alert();
    delete rest.group;
    const update = incidentUpdateFor({ ...rest, events: [{ '@timestamp': 'x', event: { id: 'e1' }, user: { name: 'admin' }, host: { name: 'dc1' } }] }, now);
    expect(update.entity).to.equal('user.name=admin');
    expect(update.title).to.equal('SSH password guessing – admin');
  });

  it('makes a campaign incident for alerts spanning organisations', () => {
    const update = incidentUpdateFor(alert({ organization: { id: null, ids: ['org-a', 'org-b'] }, group: { 'source.ip': '203.0.113.7' } }), now);
    expect(update.organizationId).to.equal(null);
    expect(update.organizationIds).to.deep.equal(['org-a', 'org-b']);
    const again = incidentUpdateFor(alert({ alert: { id: 'a9', count: 1 }, organization: { id: null, ids: ['org-c', 'org-d'] }, group: { 'source.ip': '203.0.113.7' } }), now);
    expect(again.incidentId).to.equal(update.incidentId);
  });
});
