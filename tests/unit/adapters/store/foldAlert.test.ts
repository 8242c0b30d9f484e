import { expect } from 'chai';
import { foldAlert } from '../../../../adapters/store/foldAlert.js';
import type { IncidentAlertUpdate } from '../../../../core/ports/stores.js';

const first: IncidentAlertUpdate = {
  incidentId: 'inc-1',
  title: 'Password spraying',
  organizationId: 'org-a',
  ruleId: 'rule-spray',
  ruleTitle: 'Password spraying',
  entity: 'source.ip=203.0.113.7',
  severity: 'high',
  alertId: 'al-1',
  eventCount: 20,
  at: '2025-03-01T11:00:00+01:00',
  tags: ['attack.t1110.003'],
  now: '2025-03-01T10:00:02.000Z',
};

describe('adapters > store > foldAlert', () => {
  it('opens an incident in UTC time with triage defaults', () => {
    const incident = foldAlert(undefined, first);
    expect(incident).to.include({ status: 'new', tlp: 'TLP:AMBER', assignee: null, version: 1, alertCount: 1, eventCount: 20, severity: 'high' });
    expect(incident.firstSeen).to.equal('2025-03-01T10:00:00.000Z');
    expect(incident.organizationIds).to.deep.equal(['org-a']);
  });

  it('opens an incident without organisation for alerts nobody owns', () => {
    expect(foldAlert(undefined, { ...first, organizationId: null }).organizationIds).to.deep.equal([]);
  });

  it('never lowers severity and never repeats an organisation or tag', () => {
    const opened = foldAlert(undefined, first);
    const next = foldAlert(opened, { ...first, alertId: 'al-2', severity: 'low', tags: ['attack.t1110.003', 'new'], at: '2025-03-01T09:00:00.000Z', now: '2025-03-01T10:05:00.000Z' });
    expect(next.severity).to.equal('high');
    expect(next.organizationIds).to.deep.equal(['org-a']);
    expect(next.tags).to.deep.equal(['attack.t1110.003', 'new']);
    expect(next.firstSeen).to.equal('2025-03-01T09:00:00.000Z');
    expect(next.lastSeen).to.equal('2025-03-01T10:00:00.000Z');
    expect(next).to.include({ alertCount: 2, eventCount: 40, version: 2, updatedAt: '2025-03-01T10:05:00.000Z', createdAt: '2025-03-01T10:00:02.000Z' });
  });
});
