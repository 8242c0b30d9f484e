import type { IncidentStatus } from '../../core/domain/incident.js';
import { LagebildError } from '../../core/errors.js';

/**
 * The triage lifecycle. Work moves forward one step at a time; any open incident may be declared a
 * false positive; a finished one (resolved, closed, false positive) is reopened into investigating.
 */
export const INCIDENT_TRANSITIONS: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  new: ['acknowledged', 'false_positive'],
  acknowledged: ['investigating', 'false_positive'],
  investigating: ['contained', 'false_positive'],
  contained: ['resolved', 'false_positive'],
  resolved: ['closed', 'investigating'],
  closed: ['investigating'],
  false_positive: ['investigating'],
};

export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return INCIDENT_TRANSITIONS[from].includes(to);
}

export function assertTransition(from: IncidentStatus, to: IncidentStatus): void {
  if (from === to || canTransition(from, to)) return;
  throw new LagebildError('invalid_transition', `an incident cannot go from ${from} to ${to}`, {
    status: 409,
    details: { from, to, allowed: INCIDENT_TRANSITIONS[from] },
  });
}
