import type { Alert } from '../../core/domain/alert.js';
import type { Incident } from '../../core/domain/incident.js';
import { ConflictError, LagebildError, NotFoundError } from '../../core/errors.js';
import type { IncidentAlertUpdate } from '../../core/ports/stores.js';
import type { Principal } from '../auth/principal.js';
import { assertChangeable } from './assert-changeable.js';
import { auditChange, changedFields } from './audit-change.js';
import { redactIncident } from './redact-incident.js';
import type { TriageDeps } from './triage-deps.js';

export interface MergeResult {
  incident: Incident;
  /** The sources this call merged; empty when a retry found the merge already done. */
  merged: string[];
}

/**
 * Folds the sources' alerts into the target, then closes each source pointing at the target.
 *
 * Every step is idempotent and the order makes a crash harmless: alerts first (recordAlert ignores an
 * alert the target already holds), then the sources are closed, each at the version whose alerts were
 * folded — a source that took a new alert meanwhile answers 409 instead of being closed with an alert
 * left behind. A retry skips sources already merged into the target; when none is left, it changes
 * nothing and succeeds whatever version it names (the folding moved the target's version on).
 */
export async function mergeIncidents(deps: TriageDeps, actor: Principal, targetId: string, sourceIds: readonly string[], expectedVersion: number): Promise<MergeResult> {
  const target = await deps.store.incidents.get(targetId, actor.scope);
  if (!target) throw new NotFoundError('incident');
  if (target.mergedInto) throw alreadyMerged(target.id, target.mergedInto);
  const ids = [...new Set(sourceIds)];
  if (ids.includes(target.id)) throw new LagebildError('merge_into_self', 'an incident cannot be merged into itself', { status: 409 });
  const sources: Incident[] = [];
  for (const id of ids) {
    const source = await deps.store.incidents.get(id, actor.scope);
    if (!source) throw new NotFoundError('incident');
    if (source.mergedInto && source.mergedInto !== target.id) throw alreadyMerged(source.id, source.mergedInto);
    sources.push(source);
  }
  // The target as much as the sources: a shared target would hand the officer's evidence to others.
  for (const incident of [target, ...sources]) assertChangeable(actor.scope, incident);

  const pending = sources.filter((source) => source.mergedInto !== target.id);
  if (pending.length === 0) return { incident: redactIncident(target, actor.scope), merged: [] };
  if (target.version !== expectedVersion) throw new ConflictError(`incident ${target.id} was changed by someone else (now version ${target.version})`);

  const now = deps.clock.now().toISOString();
  for (const source of pending) {
    for (const update of await alertUpdates(deps, actor, source, target, now)) await deps.store.incidents.recordAlert(update);
  }
  for (const source of pending) {
    await deps.store.incidents.update(source.id, source.version, { status: 'closed', mergedInto: target.id }, actor.scope, now);
    await auditChange(deps, actor.username, {
      action: 'incident.merge',
      objectType: 'incident',
      objectId: source.id,
      before: { status: source.status, mergedInto: source.mergedInto ?? null },
      after: { status: 'closed', mergedInto: target.id },
      organizationId: source.organizationIds[0] ?? null,
    });
  }
  const after = await deps.store.incidents.get(target.id, actor.scope);
  if (!after) throw new NotFoundError('incident');
  const folded = changedFields(evidenceOf(target), evidenceOf(after));
  await auditChange(deps, actor.username, {
    action: 'incident.merge',
    objectType: 'incident',
    objectId: target.id,
    before: folded.before,
    after: { ...folded.after, mergedSources: pending.map((source) => source.id) },
    organizationId: target.organizationIds[0] ?? null,
  });
  return { incident: redactIncident(after, actor.scope), merged: pending.map((source) => source.id) };
}

function alreadyMerged(id: string, into: string): LagebildError {
  return new LagebildError('already_merged', `incident ${id} is already merged into ${into}`, { status: 409, details: { id, mergedInto: into } });
}

/**
 * What the incident builder would have sent had each alert arrived at the target. An alert the alert
 * store no longer holds (retention) still moves, with the source's own figures, so no id is lost.
 */
async function alertUpdates(deps: TriageDeps, actor: Principal, source: Incident, target: Incident, now: string): Promise<IncidentAlertUpdate[]> {
  const alerts = new Map((await deps.store.alerts.getMany(source.alertIds, actor.scope)).map((alert): [string, Alert] => [alert.alert.id, alert]));
  const common = { incidentId: target.id, title: target.title, ruleId: target.ruleId, ruleTitle: target.ruleTitle, entity: target.entity, now };
  return source.alertIds.map((alertId) => {
    const alert = alerts.get(alertId);
    if (!alert) return { ...common, alertId, organizationId: null, organizationIds: source.organizationIds, severity: source.severity, eventCount: 0, at: source.lastSeen, tags: source.tags };
    return {
      ...common,
      alertId,
      organizationId: alert.organization.id,
      // An alert over several organisations was split among their own incidents: it brings only the source's share.
      ...(alert.organization.id === null ? { organizationIds: source.organizationIds } : {}),
      entities: source.entities ?? [],
      severity: alert.rule.level,
      eventCount: Math.max(alert.event_ids.length, alert.alert.count),
      at: alert['@timestamp'],
      tags: alert.tags,
    };
  });
}

function evidenceOf(incident: Incident) {
  return {
    alertCount: incident.alertCount,
    eventCount: incident.eventCount,
    severity: incident.severity,
    organizationIds: incident.organizationIds,
    firstSeen: incident.firstSeen,
    lastSeen: incident.lastSeen,
  };
}
