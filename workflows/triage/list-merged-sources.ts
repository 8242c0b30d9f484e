import type { Incident } from '../../core/domain/incident.js';
import type { Principal } from '../auth/principal.js';
import type { TriageDeps } from './triage-deps.js';

/** A merge closes a handful of duplicates, not hundreds; the list in the detail stays bounded. */
const MAX_MERGED_SOURCES = 200;

export type MergedSource = Pick<Incident, 'id' | 'title' | 'status' | 'alertCount'>;

/** The incidents merged into `targetId` that the caller may see; their comments stay on them. */
export async function listMergedSources(deps: TriageDeps, actor: Principal, targetId: string): Promise<MergedSource[]> {
  const page = await deps.store.incidents.list({ mergedInto: targetId, sort: 'firstSeen', order: 'asc', limit: MAX_MERGED_SOURCES }, actor.scope);
  return page.items.map((incident) => ({ id: incident.id, title: incident.title, status: incident.status, alertCount: incident.alertCount }));
}
