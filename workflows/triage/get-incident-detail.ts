import type { Alert } from '../../core/domain/alert.js';
import type { AuditEntry } from '../../core/domain/audit.js';
import type { EcsEvent } from '../../core/domain/ecs.js';
import type { Incident } from '../../core/domain/incident.js';
import { canChange } from '../../core/domain/scope.js';
import { NotFoundError } from '../../core/errors.js';
import type { IncidentComment } from '../../core/ports/triage-stores.js';
import type { Principal } from '../auth/principal.js';
import { attackStages, type AttackStage } from './attack-stages.js';
import { extractObservables, type Observable } from './extract-observables.js';
import { listMergedSources, type MergedSource } from './list-merged-sources.js';
import { redactIncident } from './redact-incident.js';
import { scopedTimeline } from './scoped-timeline.js';
import type { TriageDeps } from './triage-deps.js';

/** Enough evidence to triage from; the full alert list is one search away. */
const MAX_ALERTS = 200;
const MAX_EVENTS = 500;
const MAX_TIMELINE = 500;

export interface IncidentDetail {
  incident: Incident;
  /** False for an officer's view of a shared incident: only the CERT changes it (assert-changeable.ts). */
  changeable: boolean;
  mergedSources: MergedSource[];
  alerts: Alert[];
  /** The alerts as stages of the attack, in ATT&CK kill-chain order. */
  stages: AttackStage[];
  events: EcsEvent[];
  observables: Observable[];
  comments: IncidentComment[];
  timeline: AuditEntry[];
}

/**
 * Everything is read through the caller's scope, inside the store queries, so a shared incident shows
 * an officer only their own alerts, events, comments and merged incidents; the timeline, which the
 * audit store keeps per object and not per organisation, is cut down to match (scoped-timeline.ts).
 */
export async function getIncidentDetail(deps: TriageDeps, actor: Principal, id: string): Promise<IncidentDetail> {
  const incident = await deps.store.incidents.get(id, actor.scope);
  if (!incident) throw new NotFoundError('incident');
  const alerts = await deps.store.alerts.getMany(incident.alertIds.slice(-MAX_ALERTS), actor.scope);
  const events = await eventsOf(deps, actor, alerts);
  const comments = await deps.store.comments.list(id, actor.scope);
  const mergedSources = await listMergedSources(deps, actor, id);
  // Comments have their own scoped list; their audit entries would show them to every organisation of the incident.
  const trail = (await deps.store.audit.list({ objectId: id, limit: MAX_TIMELINE })).filter((entry) => entry.action !== 'incident.comment');
  const timeline = await scopedTimeline(deps, actor.scope, incident, trail, new Set(mergedSources.map((source) => source.id)));
  const visible = actor.scope.kind === 'all' ? incident : { ...redactIncident(incident, actor.scope), alertIds: alerts.map((alert) => alert.alert.id) };
  return { incident: visible, changeable: canChange(actor.scope, incident.organizationIds), mergedSources, alerts, stages: attackStages(alerts), events, observables: extractObservables(events), comments, timeline };
}

/** Alerts carry their trimmed events; the event store fills in what an alert did not keep. */
async function eventsOf(deps: TriageDeps, actor: Principal, alerts: readonly Alert[]): Promise<EcsEvent[]> {
  const byId = new Map<string, EcsEvent>();
  for (const alert of alerts) for (const event of alert.events ?? []) byId.set(event.event.id, event);
  const missing = [...new Set(alerts.flatMap((alert) => alert.event_ids))].filter((eventId) => !byId.has(eventId)).slice(0, MAX_EVENTS);
  if (missing.length > 0) for (const event of await deps.store.events.getMany(missing, actor.scope)) byId.set(event.event.id, event);
  return [...byId.values()].slice(0, MAX_EVENTS);
}
