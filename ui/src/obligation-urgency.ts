import type { Deadline, ReportObligation } from './api-types.js';

const DAY_MS = 86_400_000;

/**
 * How pressing an open deadline is: the early warning's 24 hours are counted in hours, the later
 * phases' days in days, and an officer should see at a glance which kind lies before them.
 */
export type Urgency = 'overdue' | 'hours' | 'days';

export function urgencyOf(dueAt: string, now: Date): Urgency {
  const remaining = Date.parse(dueAt) - now.getTime();
  if (remaining < 0) return 'overdue';
  return remaining < DAY_MS ? 'hours' : 'days';
}

/** The earliest deadline not yet met, or undefined when every phase was submitted. */
export function nextDeadline(obligation: ReportObligation): Deadline | undefined {
  let next: Deadline | undefined;
  for (const deadline of obligation.deadlines) {
    if (deadline.state === 'submitted') continue;
    if (!next || Date.parse(deadline.dueAt) < Date.parse(next.dueAt)) next = deadline;
  }
  return next;
}

/** Most urgent first: open obligations by their next deadline, then the closed ones, newest first. */
export function byUrgency(a: ReportObligation, b: ReportObligation): number {
  const [nextA, nextB] = [a.open ? nextDeadline(a) : undefined, b.open ? nextDeadline(b) : undefined];
  if (nextA && nextB) return Date.parse(nextA.dueAt) - Date.parse(nextB.dueAt);
  if (nextA || nextB) return nextA ? -1 : 1;
  return Date.parse(b.createdAt) - Date.parse(a.createdAt);
}
