import type { Incident } from '../../core/domain/incident.js';
import type { Scope } from '../../core/domain/scope.js';

/**
 * A shared incident spans organisations; an officer sees it, but not which other bodies were hit,
 * nor the campaign their own incident is part of.
 * The store decides which incidents a scope sees; this decides what of a shared one it shows. Only
 * CERT staff may be assigned a shared incident, and an officer cannot look users up, so its assignee
 * tells them nothing but could name a person of another organisation assigned before that rule.
 */
export function redactIncident(incident: Incident, scope: Scope): Incident {
  if (scope.kind === 'all') return incident;
  const own = incident.organizationIds.filter((id) => id === scope.organizationId);
  const shared = own.length !== incident.organizationIds.length;
  // The campaign is the CERT's picture of all organisations hit; its id leads nowhere an officer may go.
  const ownPart: Incident = { ...incident };
  delete ownPart.campaignId;
  delete ownPart.childIds;
  // Nothing says which organisation's alerts named an entity: a shared incident's could be another's hosts and accounts.
  if (shared) delete ownPart.entities;
  return { ...ownPart, organizationIds: own, ...(shared ? { assignee: null } : {}) };
}
