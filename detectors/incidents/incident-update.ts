import type { Alert } from '../../core/domain/alert.js';
import { getField } from '../../core/domain/ecs.js';
import { deterministicId } from '../../core/ids.js';
import type { IncidentAlertUpdate } from '../../core/ports/stores.js';

export interface IncidentGroupingOptions {
  /** Alerts of one organisation, rule and entity within one bucket of this length (aligned to UTC midnight for 24 h) share an incident. */
  bucketMs: number;
}

export const DEFAULT_INCIDENT_GROUPING: IncidentGroupingOptions = { bucketMs: 24 * 3_600_000 };

/** Fields that say best whom or what an alert is about, when the rule did not group by anything. */
const ENTITY_FIELDS = ['source.ip', 'user.name', 'host.name', 'destination.ip', 'dns.question.name'];

/**
 * Decides which incident an alert belongs to. Pure: the incident id is derived from organisation
 * (or "campaign"), rule, entity and the time bucket of the alert, so every instance and every replay
 * files an alert under the same incident. An alert without a single organisation (a correlation
 * grouped by something other than the organisation, e.g. one source address against many
 * municipalities) becomes a campaign incident spanning all organisations of its events.
 */
export function incidentUpdateFor(alert: Alert, now: Date, options: IncidentGroupingOptions = DEFAULT_INCIDENT_GROUPING): IncidentAlertUpdate {
  const entity = entityOf(alert);
  const organizationId = alert.organization.id;
  const time = Date.parse(alert['@timestamp']);
  const bucket = Math.floor(time / options.bucketMs) * options.bucketMs;
  const campaign = organizationId === null;
  const incidentId = deterministicId('incident', campaign ? 'campaign' : organizationId, alert.rule.id, entity.key, String(bucket));
  const title = entity.label ? `${alert.rule.title} – ${entity.label}` : alert.rule.title;
  return {
    incidentId,
    title,
    organizationId,
    ...(campaign ? { organizationIds: alert.organization.ids ?? [] } : {}),
    ruleId: alert.rule.id,
    ruleTitle: alert.rule.title,
    entity: entity.key,
    severity: alert.rule.level,
    alertId: alert.alert.id,
    eventCount: Math.max(alert.event_ids.length, alert.alert.count),
    at: alert['@timestamp'],
    tags: alert.tags,
    now: now.toISOString(),
  };
}

/** `key` is stored on the incident (`source.ip=203.0.113.7`); `label` is the value part for the title. */
function entityOf(alert: Alert): { key: string; label: string } {
  const grouped = Object.entries(alert.group ?? {}).filter(([field]) => field !== 'organization.id');
  if (grouped.length > 0) {
    return { key: grouped.map(([field, value]) => `${field}=${value}`).join(' '), label: grouped.map(([, value]) => value).join(' / ') };
  }
  const event = alert.events?.[0];
  for (const field of ENTITY_FIELDS) {
    const value = event ? getField(event, field) : undefined;
    if (typeof value === 'string' && value) return { key: `${field}=${value}`, label: value };
  }
  return { key: '', label: '' };
}
