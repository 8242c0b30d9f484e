import type { Incident } from '../../core/domain/incident.js';
import { NotFoundError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { redactIncident } from './redact-incident.js';
import type { TriageDeps } from './triage-deps.js';

/** A story names a handful of entities; a scan naming hundreds would turn this into hundreds of queries. */
const MAX_ENTITIES_ASKED = 20;
const MAX_PER_ENTITY = 50;

export interface RelatedIncident {
  incident: Incident;
  /** The entities this incident and the related one both name. */
  sharedEntities: string[];
}

/**
 * Incidents that name an entity this one names. Every lookup runs under the caller's scope inside
 * the store, so the CERT sees across organisations and an officer only their own.
 */
export async function relatedIncidents(deps: TriageDeps, actor: Principal, id: string): Promise<RelatedIncident[]> {
  const incident = await deps.store.incidents.get(id, actor.scope);
  if (!incident) throw new NotFoundError('incident');
  const related = new Map<string, RelatedIncident>();
  // Only what the caller may see of this incident leads anywhere (an officer's shared incident names none).
  const entities = redactIncident(incident, actor.scope).entities ?? [];
  for (const entity of entities.slice(0, MAX_ENTITIES_ASKED)) {
    const page = await deps.store.incidents.list({ entity, sort: 'lastSeen', order: 'desc', limit: MAX_PER_ENTITY }, actor.scope);
    for (const candidate of page.items) {
      // Merged incidents are this one's past (mergedSources) and a campaign's children its affected organisations: both are listed already.
      if (candidate.id === id || candidate.mergedInto === id || candidate.campaignId === id) continue;
      const known = related.get(candidate.id) ?? { incident: redactIncident(candidate, actor.scope), sharedEntities: [] };
      known.sharedEntities.push(entity);
      related.set(candidate.id, known);
    }
  }
  return [...related.values()].sort((a, b) => b.sharedEntities.length - a.sharedEntities.length || b.incident.lastSeen.localeCompare(a.incident.lastSeen));
}
