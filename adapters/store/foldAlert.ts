import { LEVEL_ORDER } from '../../core/domain/alert.js';
import { MAX_INCIDENT_ENTITIES, type Incident } from '../../core/domain/incident.js';
import type { IncidentAlertUpdate } from '../../core/ports/stores.js';
import { isoTime } from './isoTime.js';

/** The incident without its alert ids: SQLite keeps those in their own table. */
export type IncidentDocument = Omit<Incident, 'alertIds'>;

/**
 * Folds one new alert into an incident (or opens the incident). The caller has already made sure the
 * alert is new to the incident; this function only does the arithmetic, shared by both store adapters.
 * Severity only ever rises: an analyst who lowered it sees it rise again when a worse alert arrives,
 * which is the safe side.
 */
export function foldAlert(current: IncidentDocument | undefined, update: IncidentAlertUpdate): IncidentDocument {
  const at = isoTime(update.at);
  if (current === undefined) {
    return {
      id: update.incidentId,
      title: update.title,
      organizationIds: organisationsOf([], update),
      ruleId: update.ruleId,
      ruleTitle: update.ruleTitle,
      entity: update.entity,
      entities: unionOf([], update.entities ?? []),
      ruleIds: [update.ruleId],
      status: 'new',
      tlp: 'TLP:AMBER',
      assignee: null,
      alertCount: 1,
      eventCount: update.eventCount,
      firstSeen: at,
      lastSeen: at,
      severity: update.severity,
      tags: [...new Set(update.tags)],
      createdAt: update.now,
      updatedAt: update.now,
      version: 1,
    };
  }
  return {
    ...current,
    organizationIds: organisationsOf(current.organizationIds, update),
    entities: unionOf(current.entities ?? [], update.entities ?? []),
    ruleIds: (current.ruleIds ?? [current.ruleId]).includes(update.ruleId) ? (current.ruleIds ?? [current.ruleId]) : [...(current.ruleIds ?? [current.ruleId]), update.ruleId],
    severity: LEVEL_ORDER.indexOf(update.severity) > LEVEL_ORDER.indexOf(current.severity) ? update.severity : current.severity,
    alertCount: current.alertCount + 1,
    eventCount: current.eventCount + update.eventCount,
    firstSeen: at < current.firstSeen ? at : current.firstSeen,
    lastSeen: at > current.lastSeen ? at : current.lastSeen,
    tags: [...new Set([...current.tags, ...update.tags])],
    updatedAt: update.now,
    version: current.version + 1,
  };
}

/**
 * A campaign alert (organizationId null) names its organisations in `organizationIds`; the incident
 * must be visible to each of them. Sorted, so both adapters store the same list whatever the arrival order.
 */
function organisationsOf(current: readonly string[], update: IncidentAlertUpdate): string[] {
  const all = [...current, update.organizationId, ...(update.organizationIds ?? [])];
  return [...new Set(all.filter((id): id is string => typeof id === 'string' && id !== ''))].sort();
}

/**
 * The target after taking in everything a merged source held. The caller guarantees the source is
 * folded once (the target's `mergedFrom` bookkeeping lives in the adapters' alert-id sets).
 */
export function absorbDocument(target: IncidentDocument, source: IncidentDocument, now: string): IncidentDocument {
  return {
    ...target,
    organizationIds: [...new Set([...target.organizationIds, ...source.organizationIds])].sort(),
    entities: unionOf(target.entities ?? [], source.entities ?? []),
    ruleIds: [...new Set([...(target.ruleIds ?? [target.ruleId]), ...(source.ruleIds ?? [source.ruleId])])],
    severity: LEVEL_ORDER.indexOf(source.severity) > LEVEL_ORDER.indexOf(target.severity) ? source.severity : target.severity,
    alertCount: target.alertCount + source.alertCount,
    eventCount: target.eventCount + source.eventCount,
    firstSeen: source.firstSeen < target.firstSeen ? source.firstSeen : target.firstSeen,
    lastSeen: source.lastSeen > target.lastSeen ? source.lastSeen : target.lastSeen,
    tags: [...new Set([...target.tags, ...source.tags])],
    updatedAt: now,
    version: target.version + 1,
  };
}

/** A new campaign, seeded from its first child: it belongs to no organisation, so only the CERT sees it. */
export function campaignDocument(campaignId: string, child: IncidentDocument, title: string, now: string): IncidentDocument {
  return {
    ...child,
    id: campaignId,
    title,
    organizationIds: [],
    status: 'new',
    assignee: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
    mergedInto: null,
    campaignId: null,
    childIds: [],
  };
}

/** Sorted and bounded: what the first entities named stays, a flood of later ones is cut off. */
function unionOf(current: readonly string[], added: readonly string[]): string[] {
  const union = new Set(current);
  for (const entity of added) {
    if (union.size >= MAX_INCIDENT_ENTITIES) break;
    union.add(entity);
  }
  return [...union].sort();
}
