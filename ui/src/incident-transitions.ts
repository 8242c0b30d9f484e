import type { IncidentStatus } from './api-types.js';

/**
 * Mirrors workflows/triage/incident-state-machine.ts, which the API enforces: the UI only offers
 * the buttons the server will accept. A drift shows as a 409 with the allowed transitions.
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
