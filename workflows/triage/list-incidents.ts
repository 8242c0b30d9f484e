import type { Incident } from '../../core/domain/incident.js';
import type { IncidentQuery, Page } from '../../core/ports/stores.js';
import type { Principal } from '../auth/principal.js';
import { redactIncident } from './redact-incident.js';
import type { TriageDeps } from './triage-deps.js';

export async function listIncidents(deps: TriageDeps, actor: Principal, query: IncidentQuery): Promise<Page<Incident>> {
  const page = await deps.store.incidents.list(query, actor.scope);
  return { ...page, items: page.items.map((incident) => redactIncident(incident, actor.scope)) };
}
