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
      organizationIds: update.organizationId === null ? [] : [update.organizationId],
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
  const organizationIds = update.organizationId === null ? current.organizationIds : [...new Set([...current.organizationIds, update.organizationId])];
  return {
    ...current,
    organizationIds,
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
