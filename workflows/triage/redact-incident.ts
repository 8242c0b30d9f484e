import type { Incident } from '../../core/domain/incident.js';
import type { Scope } from '../../core/domain/scope.js';

/**
 * A campaign incident spans organisations; an officer sees it, but not which other bodies were hit.
 * The store decides which incidents a scope sees; this decides what of a shared one it shows.
 */
export function redactIncident(incident: Incident, scope: Scope): Incident {
  if (scope.kind === 'all') return incident;
  return { ...incident, organizationIds: incident.organizationIds.filter((id) => id === scope.organizationId) };
}
