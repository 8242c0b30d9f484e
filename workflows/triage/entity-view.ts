import type { Alert } from '../../core/domain/alert.js';
import type { Incident } from '../../core/domain/incident.js';
import { ENTITY_FIELDS } from '../../detectors/incidents/story-entities.js';
import type { Principal } from '../auth/principal.js';
import { redactIncident } from './redact-incident.js';
import type { TriageDeps } from './triage-deps.js';

/** The fields story grouping keys on (incident `entities`); anything else is no entity page. */
export { ENTITY_FIELDS };

const MAX_INCIDENTS = 200;
/** Enough to draw weeks of activity; a chart of more says nothing new. */
const MAX_ALERTS = 500;

export function isEntity(text: string): boolean {
  const at = text.indexOf('=');
  return at > 0 && at < text.length - 1 && (ENTITY_FIELDS as readonly string[]).includes(text.slice(0, at));
}

export interface EntityView {
  entity: string;
  incidents: Incident[];
  /** The alerts of those incidents the caller may see, oldest first. */
  alerts: Alert[];
}

/** Everything that names one entity, read under the caller's scope inside the store. */
export async function entityView(deps: TriageDeps, actor: Principal, entity: string): Promise<EntityView> {
  const page = await deps.store.incidents.list({ entity, sort: 'lastSeen', order: 'desc', limit: MAX_INCIDENTS }, actor.scope);
  // A campaign holds its children's alerts too: each alert is asked for once.
  const alertIds = new Set<string>();
  for (const incident of page.items) {
    for (const alertId of incident.alertIds.slice(-MAX_ALERTS)) {
      if (alertIds.size >= MAX_ALERTS) break;
      alertIds.add(alertId);
    }
  }
  const alerts = alertIds.size === 0 ? [] : await deps.store.alerts.getMany([...alertIds], actor.scope);
  alerts.sort((a, b) => a['@timestamp'].localeCompare(b['@timestamp']));
  return { entity, incidents: page.items.map((incident) => redactIncident(incident, actor.scope)), alerts };
}
