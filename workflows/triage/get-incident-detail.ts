import type { Alert } from '../../core/domain/alert.js';
import type { AuditEntry } from '../../core/domain/audit.js';
import type { EcsEvent } from '../../core/domain/ecs.js';
import type { Incident } from '../../core/domain/incident.js';
import { ALL, canChange } from '../../core/domain/scope.js';
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
/** How many event ids are looked up at most: an officer's own events may sit among many of others. */
const MAX_EVENT_IDS = 5000;
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
 * An officer's part is counted by what they are shown: the incident's own counts would tell them
 * how much other organisations contributed.
 */
export async function getIncidentDetail(deps: TriageDeps, actor: Principal, id: string): Promise<IncidentDetail> {
  const incident = await deps.store.incidents.get(id, actor.scope);
  if (!incident) throw new NotFoundError('incident');
  const alerts = await deps.store.alerts.getMany(incident.alertIds.slice(-MAX_ALERTS), actor.scope);
  const events = await eventsOf(deps, actor, incident, alerts);
  const comments = await deps.store.comments.list(id, actor.scope);
  const mergedSources = await listMergedSources(deps, actor, id);
  // Comments have their own scoped list; their audit entries would show them to every organisation of the incident.
  const trail = (await deps.store.audit.list({ objectId: id, limit: MAX_TIMELINE })).filter((entry) => entry.action !== 'incident.comment');
  const timeline = await scopedTimeline(deps, actor.scope, incident, trail, new Set(mergedSources.map((source) => source.id)));
  const visible = actor.scope.kind === 'all' ? incident : partOf(incident, redactIncident(incident, actor.scope), alerts, events);
  return { incident: visible, changeable: canChange(actor.scope, incident.organizationIds), mergedSources, alerts, stages: attackStages(alerts), events, observables: extractObservables(events), comments, timeline };
}

/**
 * An officer's part of an incident: their alerts and events. Where some of it is held back (another
 * organisation's share, an alert naming several), it is counted and dated as shown.
 */
function partOf(incident: Incident, redacted: Incident, alerts: readonly Alert[], events: readonly EcsEvent[]): Incident {
  const alertIds = alerts.map((alert) => alert.alert.id);
  const whole = redacted.organizationIds.length === incident.organizationIds.length && alerts.length === Math.min(incident.alertIds.length, MAX_ALERTS);
  if (whole) return { ...redacted, alertIds };
  const times = [...alerts.map((alert) => alert['@timestamp']), ...events.map((event) => event['@timestamp'])].filter((at) => typeof at === 'string' && !Number.isNaN(Date.parse(at))).sort((a, b) => Date.parse(a) - Date.parse(b));
  return { ...redacted, alertIds, alertCount: alerts.length, eventCount: events.length, ...(times.length ? { firstSeen: times[0]!, lastSeen: times[times.length - 1]! } : {}) };
}

/**
 * Alerts carry their trimmed events; the event store fills in what an alert did not keep. An
 * officer's own events may also sit in alerts they cannot open (one naming several organisations,
 * another organisation's part of a shared incident): of those alerts only the event ids are read,
 * past the scope; the events themselves come through the officer's scope, in the store query.
 */
async function eventsOf(deps: TriageDeps, actor: Principal, incident: Incident, alerts: readonly Alert[]): Promise<EcsEvent[]> {
  const byId = new Map<string, EcsEvent>();
  for (const alert of alerts) for (const event of alert.events ?? []) byId.set(event.event.id, event);
  const naming = actor.scope.kind === 'all' ? alerts : await deps.store.alerts.getMany(incident.alertIds.slice(-MAX_ALERTS), ALL);
  const missing = [...new Set(naming.flatMap((alert) => alert.event_ids))].filter((eventId) => !byId.has(eventId)).slice(0, MAX_EVENT_IDS);
  if (missing.length > 0) for (const event of await deps.store.events.getMany(missing, actor.scope)) byId.set(event.event.id, event);
  return [...byId.values()].slice(0, MAX_EVENTS);
}
