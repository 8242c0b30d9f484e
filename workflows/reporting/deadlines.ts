import type { ReportingRegime } from '../../core/domain/organisation.js';
import type { PhaseDeadline, ReportObligation } from '../../core/domain/report.js';
import type { ReportingSettings } from './reporting-settings.js';

const HOUR_MS = 3_600_000;

/**
 * The deadlines of a new obligation, all counted from the time the organisation became aware. The
 * intermediate report has none until the CERT asks for one; the final report counts from the
 * notification's deadline until the notification is actually submitted (see `afterSubmission`).
 */
export function initialDeadlines(regime: ReportingRegime, awarenessAt: string, settings: ReportingSettings): PhaseDeadline[] {
  const durations = settings.regimes[regime];
  const awareness = Date.parse(awarenessAt);
  const notificationDue = new Date(awareness + durations.notificationHours * HOUR_MS);
  return [
    { phase: 'early_warning', dueAt: new Date(awareness + durations.earlyWarningHours * HOUR_MS).toISOString(), submittedAt: null, reportId: null },
    { phase: 'notification', dueAt: notificationDue.toISOString(), submittedAt: null, reportId: null },
    { phase: 'final', dueAt: addMonths(notificationDue, durations.finalMonths).toISOString(), submittedAt: null, reportId: null },
  ];
}

/**
 * The obligation after the first submission of a phase: that phase is submitted, and a submitted
 * notification moves the final deadline to one month (by the regime) after its submission.
 */
export function afterSubmission(obligation: ReportObligation, phase: PhaseDeadline['phase'], reportId: string, at: string, settings: ReportingSettings): PhaseDeadline[] {
  const months = settings.regimes[obligation.regime].finalMonths;
  return obligation.deadlines.map((deadline) => {
    if (deadline.phase === phase && deadline.submittedAt === null) return { ...deadline, submittedAt: at, reportId };
    if (phase === 'notification' && deadline.phase === 'final' && deadline.submittedAt === null) return { ...deadline, dueAt: addMonths(new Date(at), months).toISOString() };
    return deadline;
  });
}

/** Calendar months in UTC; a day that does not exist in the target month becomes its last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(from: Date, months: number): Date {
  const target = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + months, 1, from.getUTCHours(), from.getUTCMinutes(), from.getUTCSeconds(), from.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(from.getUTCDate(), lastDay));
  return target;
}
