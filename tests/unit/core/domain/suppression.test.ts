import { expect } from 'chai';
import type { Alert } from '../../../../core/domain/alert.js';
import { suppressionMatches, suppressionProblems, type Suppression, type SuppressionDraft } from '../../../../core/domain/suppression.js';

const NOW = new Date('2026-11-20T08:00:00.000Z');

function alert(overrides: Partial<Alert> = {}): Alert {
  return {
    '@timestamp': '2026-11-20T07:59:00.000Z',
    alert: { id: 'a1', count: 2 },
    rule: { id: 'ssh-brute-force', title: 'SSH brute force', level: 'high', type: 'correlation' },
    event_ids: ['e1', 'e2'],
    group: { 'source.ip': '203.0.113.7' },
    organization: { id: 'radebeul' },
    tags: [],
    events: [
      { '@timestamp': '2026-11-20T07:58:00.000Z', event: { id: 'e1' }, host: { name: 'fs01', ip: ['10.0.0.5', '10.0.0.6'] }, user: { name: 'root' } },
      { '@timestamp': '2026-11-20T07:58:30.000Z', event: { id: 'e2' }, host: { name: 'fs02' }, user: { name: 'svc_backup' }, 'winlog.event_data': { LogonType: 3 } },
    ],
    ...overrides,
  };
}

function suppression(overrides: Partial<Suppression> = {}): Suppression {
  return {
    id: 's1',
    organizationId: 'radebeul',
    conditions: [{ field: 'source.ip', value: '203.0.113.7' }],
    reason: 'the vulnerability scanner',
    expiresAt: '2026-12-20T08:00:00.000Z',
    author: 'analyst',
    createdAt: '2026-11-19T08:00:00.000Z',
    ...overrides,
  };
}

describe('core > domain > suppression', () => {
  describe('suppressionMatches', () => {
    it('matches a condition on the alert group or on any of its events', () => {
      expect(suppressionMatches(suppression(), alert(), NOW)).to.equal(true);
      expect(suppressionMatches(suppression({ conditions: [{ field: 'host.name', value: 'fs02' }] }), alert(), NOW)).to.equal(true);
      expect(suppressionMatches(suppression({ conditions: [{ field: 'host.name', value: 'fs03' }] }), alert(), NOW)).to.equal(false);
      expect(suppressionMatches(suppression({ conditions: [{ field: 'source.ip', value: '203.0.113.8' }] }), alert(), NOW)).to.equal(false);
    });

    it('needs every condition, compares exactly, and reads array elements, numbers and dotted keys', () => {
      const both = [{ field: 'source.ip', value: '203.0.113.7' }, { field: 'user.name', value: 'svc_backup' }];
      expect(suppressionMatches(suppression({ conditions: both }), alert(), NOW)).to.equal(true);
      expect(suppressionMatches(suppression({ conditions: [...both, { field: 'user.name', value: 'SVC_BACKUP' }] }), alert(), NOW)).to.equal(false);
      expect(suppressionMatches(suppression({ conditions: [{ field: 'host.ip', value: '10.0.0.6' }] }), alert(), NOW)).to.equal(true);
      expect(suppressionMatches(suppression({ conditions: [{ field: 'winlog.event_data.LogonType', value: '3' }] }), alert(), NOW)).to.equal(true);
      expect(suppressionMatches(suppression({ conditions: [{ field: 'user.name', value: 'svc' }] }), alert(), NOW), 'no substring match').to.equal(false);
    });

    it('holds only for its rule when it names one; a rule alone silences the whole rule', () => {
      expect(suppressionMatches(suppression({ ruleId: 'ssh-brute-force' }), alert(), NOW)).to.equal(true);
      expect(suppressionMatches(suppression({ ruleId: 'rdp-brute-force' }), alert(), NOW)).to.equal(false);
      expect(suppressionMatches(suppression({ ruleId: 'ssh-brute-force', conditions: [] }), alert({ group: {}, events: [] }), NOW)).to.equal(true);
    });

    it('holds only for its organisation; one for every organisation also silences a campaign', () => {
      expect(suppressionMatches(suppression(), alert({ organization: { id: 'meissen' } }), NOW)).to.equal(false);
      const campaign = alert({ organization: { id: null, ids: ['radebeul', 'meissen'] } });
      expect(suppressionMatches(suppression(), campaign, NOW)).to.equal(false);
      expect(suppressionMatches(suppression({ organizationId: null }), campaign, NOW)).to.equal(true);
      expect(suppressionMatches(suppression({ organizationId: null }), alert({ organization: { id: 'meissen' } }), NOW)).to.equal(true);
    });

    it('never matches once expired, from the moment of expiry on', () => {
      expect(suppressionMatches(suppression({ expiresAt: NOW.toISOString() }), alert(), NOW)).to.equal(false);
      expect(suppressionMatches(suppression({ expiresAt: '2026-11-20T08:00:00.001Z' }), alert(), NOW)).to.equal(true);
    });

    it('ignores a missing group or missing events', () => {
      const bare = alert();
      delete bare.group;
      delete bare.events;
      expect(suppressionMatches(suppression(), bare, NOW)).to.equal(false);
      expect(suppressionMatches(suppression({ conditions: [], ruleId: 'ssh-brute-force' }), bare, NOW)).to.equal(true);
    });
  });

  describe('suppressionProblems', () => {
    const draft = (overrides: Partial<SuppressionDraft> = {}): SuppressionDraft => ({
      organizationId: 'radebeul',
      conditions: [{ field: 'source.ip', value: '203.0.113.7' }],
      reason: 'scanner',
      expiresAt: '2026-12-20T08:00:00.000Z',
      ...overrides,
    });
    const codes = (value: SuppressionDraft) => suppressionProblems(value, NOW).map((problem) => problem.code);

    it('accepts a condition or a rule, within 90 days', () => {
      expect(codes(draft())).to.deep.equal([]);
      expect(codes(draft({ conditions: [], ruleId: 'ssh-brute-force', expiresAt: '2027-02-18T08:00:00.000Z' }))).to.deep.equal([]);
    });

    it('names every problem at once', () => {
      expect(codes(draft({ conditions: [], reason: '   ', expiresAt: '2027-02-18T08:00:00.001Z' }))).to.deep.equal(['suppression_too_broad', 'suppression_reason_missing', 'suppression_expiry_too_far']);
      expect(codes(draft({ conditions: [{ field: 'host.name', value: 'a' }, { field: 'host.name', value: 'b' }], reason: 'x'.repeat(501), expiresAt: NOW.toISOString() }))).to.deep.equal([
        'suppression_condition_repeated',
        'suppression_reason_too_long',
        'suppression_expiry_past',
      ]);
      expect(codes(draft({ expiresAt: 'next week' }))).to.deep.equal(['suppression_expiry_invalid']);
    });
  });
});
