import { expect } from 'chai';
import { absorbDocument, foldAlert } from '../../../../adapters/store/fold-alert.js';
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

  describe('severity from the story', () => {
    const medium: IncidentAlertUpdate = { ...first, severity: 'medium', tactics: ['reconnaissance'], entities: ['host.name=fs01', 'source.ip=203.0.113.7'] };
    const stage = (alertId: string, tactics: string[], extra: Partial<IncidentAlertUpdate> = {}): IncidentAlertUpdate => ({ ...medium, alertId, tactics, ...extra });

    it('keeps the tactics in kill-chain order and the highest rule level apart from the severity', () => {
      let incident = foldAlert(undefined, stage('a1', ['command-and-control']));
      incident = foldAlert(incident, stage('a2', ['credential-access', 'reconnaissance', 'no-such-tactic']));
      expect(incident.tactics).to.deep.equal(['reconnaissance', 'credential-access', 'command-and-control']);
      expect(incident.ruleLevel).to.equal('medium');
      expect(incident.risk?.reasons[0]).to.deep.equal({ code: 'max_rule_level', params: { level: 'medium' } });
    });

    it('raises a story of medium alerts to critical as it runs from reconnaissance to command and control, and says why', () => {
      const chain = ['reconnaissance', 'credential-access', 'initial-access', 'privilege-escalation', 'persistence', 'command-and-control'];
      let incident = foldAlert(undefined, stage('s0', [chain[0]!]));
      const severities = [incident.severity];
      chain.slice(1).forEach((tactic, index) => {
        incident = foldAlert(incident, stage(`s${index + 1}`, [tactic]));
        severities.push(incident.severity);
      });
      expect(severities[0]).to.equal('medium');
      expect(severities.at(-1)).to.equal('critical');
      expect(incident.risk!.score).to.be.at.least(80);
      expect(incident.risk!.reasons.map((reason) => reason.code)).to.include('tactics_chain');
      expect(incident.risk!.reasons.find((reason) => reason.code === 'tactics_chain')!.params).to.deep.equal({ count: 6, last: 'command-and-control' });
    });

    it('counts hosts and accounts among the entities, and the critical organisation flag', () => {
      const plain = foldAlert(undefined, stage('h1', [], { entities: ['host.name=fs01', 'host.name=dc01', 'host.name=pc07', 'user.name=mueller', 'user.target.name=svc-backup'] }));
      expect(plain.risk!.reasons.map((reason) => reason.code)).to.include.members(['many_hosts', 'many_accounts']);
      const critical = foldAlert(undefined, stage('h1', [], { entities: plain.entities, organisationCritical: true }));
      expect(critical.risk!.score).to.equal(plain.risk!.score + 15);
      // The flag travels with each update; a later update that omits it keeps what the story had.
      expect(wasFlagged(foldAlert(critical, stage('h2', [])))).to.equal(true);
    });

    it('lets an analyst\'s lower severity stand until the story gets worse', () => {
      const opened = foldAlert(undefined, stage('l1', ['reconnaissance']));
      const lowered = { ...opened, severity: 'low' as const };
      const sameStory = foldAlert(lowered, stage('l2', ['reconnaissance']));
      expect(sameStory.severity).to.equal('low');
      const worse = foldAlert(sameStory, stage('l3', ['credential-access', 'initial-access', 'privilege-escalation', 'persistence', 'command-and-control']));
      expect(worse.severity).to.equal(worse.risk!.severity).and.not.equal('low');
    });

    it('never rates a story below its worst alert', () => {
      const incident = foldAlert(foldAlert(undefined, stage('w1', [])), stage('w2', [], { severity: 'critical' }));
      expect(incident).to.include({ severity: 'critical', ruleLevel: 'critical' });
    });

    it('assesses a merged story from both sides', () => {
      const target = foldAlert(undefined, stage('m1', ['reconnaissance'], { entities: ['host.name=fs01'] }));
      const source = foldAlert(undefined, stage('m2', ['command-and-control'], { incidentId: 'inc-2', entities: ['host.name=dc01'], organisationCritical: true }));
      const merged = absorbDocument(target, source, '2025-03-01T12:00:00.000Z');
      expect(merged.tactics).to.deep.equal(['reconnaissance', 'command-and-control']);
      expect(merged.risk!.score).to.be.greaterThan(Math.max(target.risk!.score, source.risk!.score));
      expect(wasFlagged(merged)).to.equal(true);
    });
  });
});

function wasFlagged(incident: { risk?: { reasons: { code: string }[] } }): boolean {
  return incident.risk?.reasons.some((reason) => reason.code === 'critical_organisation') ?? false;
}
