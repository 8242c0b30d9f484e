import { LEVEL_ORDER } from '../../core/domain/alert.js';
import type { Incident } from '../../core/domain/incident.js';
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
      severity: update.severity,
      status: 'new',
      tlp: 'TLP:AMBER',
      assignee: null,
      alertCount: 1,
      eventCount: update.eventCount,
      firstSeen: at,
      lastSeen: at,
      tags: [...new Set(update.tags)],
      createdAt: update.now,
      updatedAt: update.now,
      version: 1,
    };
  }
  return {
    ...current,
    organizationIds: organisationsOf(current.organizationIds, update),
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
