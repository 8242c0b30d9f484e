import { expect } from 'chai';
import type { ReportObligation } from '../../../../core/domain/report.js';
import { addMonths, afterSubmission, initialDeadlines } from '../../../../workflows/reporting/deadlines.js';
import { isOpen, phaseState } from '../../../../workflows/reporting/phase-state.js';
import { reportingSettings } from '../../../../workflows/reporting/reporting-settings.js';

describe('workflows > reporting > deadlines', () => {
  const settings = reportingSettings();

  it('counts 24 h, 72 h and one month after the notification from the time of awareness', () => {
    const deadlines = initialDeadlines('section16', '2025-01-31T10:00:00.000Z', settings);
    expect(deadlines.map((d) => [d.phase, d.dueAt])).to.deep.equal([
      ['early_warning', '2025-02-01T10:00:00.000Z'],
      ['notification', '2025-02-03T10:00:00.000Z'],
      ['final', '2025-03-03T10:00:00.000Z'],
    ]);
  });

  it('uses the durations configured for the regime', () => {
    const custom = reportingSettings({ regimes: { ...settings.regimes, section17: { earlyWarningHours: 12, notificationHours: 48, finalMonths: 2, intermediateDays: 7 } } });
    expect(initialDeadlines('section17', '2025-01-01T00:00:00.000Z', custom).map((d) => d.dueAt)).to.deep.equal(['2025-01-01T12:00:00.000Z', '2025-01-03T00:00:00.000Z', '2025-03-03T00:00:00.000Z']);
    expect(initialDeadlines('section16', '2025-01-01T00:00:00.000Z', custom)[0]?.dueAt).to.equal('2025-01-02T00:00:00.000Z');
  });

  it('ends a month on its last day when the day does not exist', () => {
    expect(addMonths(new Date('2025-01-31T08:00:00Z'), 1).toISOString()).to.equal('2025-02-28T08:00:00.000Z');
    expect(addMonths(new Date('2024-01-31T08:00:00Z'), 1).toISOString()).to.equal('2024-02-29T08:00:00.000Z');
    expect(addMonths(new Date('2025-12-15T08:00:00Z'), 1).toISOString()).to.equal('2026-01-15T08:00:00.000Z');
  });

  it('moves the final deadline to one month after the notification was submitted, once', () => {
    const obligation: ReportObligation = {
      id: 'o1',
      organizationId: 'a',
      incidentId: null,
      regime: 'section17',
      awarenessAt: '2025-03-01T00:00:00.000Z',
      deadlines: initialDeadlines('section17', '2025-03-01T00:00:00.000Z', settings),
      createdAt: '2025-03-01T00:00:00.000Z',
      createdBy: 'x',
      requestedByCert: true,
      updatedAt: '2025-03-01T00:00:00.000Z',
      revision: 1,
    };
    const early = afterSubmission(obligation, 'notification', 'r1', '2025-03-02T12:00:00.000Z', settings);
    expect(early.find((d) => d.phase === 'final')?.dueAt).to.equal('2025-04-02T12:00:00.000Z');
    expect(early.find((d) => d.phase === 'notification')).to.include({ submittedAt: '2025-03-02T12:00:00.000Z', reportId: 'r1' });
    const again = afterSubmission({ ...obligation, deadlines: early }, 'notification', 'r1', '2025-03-10T00:00:00.000Z', settings);
    expect(again.find((d) => d.phase === 'notification')?.submittedAt, 'a correction does not move the submission').to.equal('2025-03-02T12:00:00.000Z');
    expect(isOpen({ ...obligation, deadlines: again })).to.equal(true);
  });
});

describe('workflows > reporting > phase state', () => {
  const deadline = { phase: 'early_warning' as const, dueAt: '2025-03-02T00:00:00.000Z', submittedAt: null, reportId: null };

  it('is due until the deadline, overdue after it, submitted once filed', () => {
    expect(phaseState(deadline, new Date('2025-03-02T00:00:00.000Z'))).to.equal('due');
    expect(phaseState(deadline, new Date('2025-03-02T00:00:00.001Z'))).to.equal('overdue');
    expect(phaseState({ ...deadline, submittedAt: '2025-03-03T00:00:00.000Z' }, new Date('2025-04-01T00:00:00.000Z'))).to.equal('submitted');
  });
});
