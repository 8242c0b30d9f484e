import type { Incident, IncidentStatus } from '../../core/domain/incident.js';
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

/** A merged incident lives on in its target; it takes no status change of its own. */
export function allowedTransitions(incident: Pick<Incident, 'status' | 'mergedInto'>): readonly IncidentStatus[] {
  return incident.mergedInto ? [] : INCIDENT_TRANSITIONS[incident.status];
}

export function assertTransition(incident: Pick<Incident, 'status' | 'mergedInto'>, to: IncidentStatus): void {
  const from = incident.status;
  const allowed = allowedTransitions(incident);
  if (from === to || allowed.includes(to)) return;
  throw new LagebildError('invalid_transition', incident.mergedInto ? `the incident was merged into ${incident.mergedInto}` : `an incident cannot go from ${from} to ${to}`, {
    status: 409,
    details: { from, to, allowed },
  });
}
