import type { Incident } from '../../core/domain/incident.js';
import type { Scope } from '../../core/domain/scope.js';

/**
 * A campaign incident spans organisations; an officer sees it, but not which other bodies were hit.
 * The store decides which incidents a scope sees; this decides what of a shared one it shows. Only
 * CERT staff may be assigned a shared incident, and an officer cannot look users up, so its assignee
 * tells them nothing but could name a person of another organisation assigned before that rule.
 */
export function redactIncident(incident: Incident, scope: Scope): Incident {
  if (scope.kind === 'all') return incident;
  const own = incident.organizationIds.filter((id) => id === scope.organizationId);
  const shared = own.length !== incident.organizationIds.length;
  return { ...incident, organizationIds: own, ...(shared ? { assignee: null } : {}) };
}
