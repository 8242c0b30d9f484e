import type { PhaseDeadline, PhaseState, ReportObligation } from '../../core/domain/report.js';

export function phaseState(deadline: PhaseDeadline, now: Date): PhaseState {
  if (deadline.submittedAt !== null) return 'submitted';
  return now.getTime() > Date.parse(deadline.dueAt) ? 'overdue' : 'due';
}

/** Open while any phase still waits for its report. */
export function isOpen(obligation: ReportObligation): boolean {
  return obligation.deadlines.some((deadline) => deadline.submittedAt === null);
}
