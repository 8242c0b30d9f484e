import type { Incident } from '../../core/domain/incident.js';
import type { IncidentQuery, Page } from '../../core/ports/stores.js';
import type { Principal } from '../auth/principal.js';
import { redactIncident } from './redact-incident.js';
import type { TriageDeps } from './triage-deps.js';

export async function listIncidents(deps: TriageDeps, actor: Principal, query: IncidentQuery): Promise<Page<Incident>> {
  const page = await deps.store.incidents.list(scopedQuery(actor, query), actor.scope);
  return { ...page, items: page.items.map((incident) => redactIncident(incident, actor.scope)) };
}

function scopedQuery(actor: Principal, query: IncidentQuery): IncidentQuery {
  if (actor.scope.kind !== 'all') {
    // An officer cannot see a campaign: filtering by one would tell them which of their incidents belong to it.
    const own = { ...query };
    delete own.campaignId;
    return own;
  }
  // The CERT's queue lists a campaign once instead of each organisation's share of it; asking for a
  // campaign's children, for one organisation's incidents or for everything naming an entity wants
  // the children themselves.
  const wantsChildren = query.campaignId !== undefined || query.entity !== undefined || query.organizationId !== undefined;
  return { topLevel: !wantsChildren, ...query };
}
