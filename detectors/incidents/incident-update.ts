import type { Alert } from '../../core/domain/alert.js';
import { getField } from '../../core/domain/ecs.js';
import { deterministicId } from '../../core/ids.js';
import type { IncidentAlertUpdate } from '../../core/ports/stores.js';
import { tacticsOf } from './attack-tactics.js';
import { entitiesOf } from './story-entities.js';

/** Fields that say best whom or what an alert is about in its title, when the rule did not group by anything. */
const ENTITY_FIELDS = ['source.ip', 'user.name', 'host.name', 'destination.ip', 'dns.question.name'];

/**
 * What one organisation's incident learns from an alert. The incident it joins is the story
 * grouping's decision (workflows/incident-recorder.ts); the id given here is the one the alert opens
 * when it starts a story: derived from organisation and alert, so every instance and every replay
 * names it alike. An alert spanning several organisations (a correlation over one source address
 * against many municipalities) gives one update per organisation, with that organisation's entities.
 */
export function incidentUpdateFor(alert: Alert, organizationId: string, now: Date): IncidentAlertUpdate {
  const entity = entityOf(alert);
  const title = entity.label ? `${alert.rule.title} – ${entity.label}` : alert.rule.title;
  return {
    incidentId: deterministicId('incident', organizationId, alert.alert.id),
    title,
    organizationId,
    ruleId: alert.rule.id,
    ruleTitle: alert.rule.title,
    entity: entity.key,
    entities: entitiesOf(alert, spansOrganisations(alert) ? organizationId : undefined),
    severity: alert.rule.level,
    tactics: tacticsOf(alert.tags),
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

/** An alert over several organisations' events: each organisation's incident takes only its own events' entities. */
function spansOrganisations(alert: Alert): boolean {
  return alert.organization.id === null && (alert.organization.ids?.length ?? 0) > 0;
}
