import { unionOfTactics } from '../../core/domain/attack-tactic.js';
import { LEVEL_ORDER } from '../../core/domain/alert.js';
import { MAX_INCIDENT_ENTITIES, type Incident, type IncidentRisk, type Severity } from '../../core/domain/incident.js';
import { assessStory, higher } from '../../core/domain/story-risk.js';
import type { IncidentAlertUpdate } from '../../core/ports/stores.js';
import { isoTime } from './iso-time.js';

/** The incident without its alert ids: SQLite keeps those in their own table. */
export type IncidentDocument = Omit<Incident, 'alertIds'>;

/**
 * Folds one new alert into an incident (or opens the incident). The caller has already made sure the
 * alert is new to the incident; this function only does the arithmetic, shared by both store adapters.
 * The severity follows the story's risk (see withStoryRisk).
 */
export function foldAlert(current: IncidentDocument | undefined, update: IncidentAlertUpdate): IncidentDocument {
  const at = isoTime(update.at);
  if (current === undefined) {
    return withStoryRisk({
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
      ruleLevel: update.severity,
      tactics: unionOfTactics([], update.tactics ?? []),
      tags: [...new Set(update.tags)],
      createdAt: update.now,
      updatedAt: update.now,
      version: 1,
    }, update.organisationCritical === true);
  }
  return withStoryRisk({
    ...current,
    organizationIds: organisationsOf(current.organizationIds, update),
    entities: unionOf(current.entities ?? [], update.entities ?? []),
    ruleIds: (current.ruleIds ?? [current.ruleId]).includes(update.ruleId) ? (current.ruleIds ?? [current.ruleId]) : [...(current.ruleIds ?? [current.ruleId]), update.ruleId],
    ruleLevel: higher(ruleLevelOf(current), update.severity),
    tactics: unionOfTactics(current.tactics ?? [], update.tactics ?? []),
    alertCount: current.alertCount + 1,
    eventCount: current.eventCount + update.eventCount,
    firstSeen: at < current.firstSeen ? at : current.firstSeen,
    lastSeen: at > current.lastSeen ? at : current.lastSeen,
    tags: [...new Set([...current.tags, ...update.tags])],
    updatedAt: update.now,
    version: current.version + 1,
  }, update.organisationCritical ?? wasCritical(current.risk));
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
  return withStoryRisk({
    ...target,
    organizationIds: [...new Set([...target.organizationIds, ...source.organizationIds])].sort(),
    entities: unionOf(target.entities ?? [], source.entities ?? []),
    ruleIds: [...new Set([...(target.ruleIds ?? [target.ruleId]), ...(source.ruleIds ?? [source.ruleId])])],
    severity: higher(source.severity, target.severity),
    ruleLevel: higher(ruleLevelOf(source), ruleLevelOf(target)),
    tactics: unionOfTactics(target.tactics ?? [], source.tactics ?? []),
    alertCount: target.alertCount + source.alertCount,
    eventCount: target.eventCount + source.eventCount,
    firstSeen: source.firstSeen < target.firstSeen ? source.firstSeen : target.firstSeen,
    lastSeen: source.lastSeen > target.lastSeen ? source.lastSeen : target.lastSeen,
    tags: [...new Set([...target.tags, ...source.tags])],
    updatedAt: now,
    version: target.version + 1,
  }, wasCritical(target.risk) || wasCritical(source.risk));
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

/**
 * Assesses the story anew (core/domain/story-risk.ts) from what the incident holds: the highest rule
 * level, the tactics covered, the hosts and accounts among its entities, the organisation's flag and
 * the number of alerts. The severity rises to the story's when the story got worse than it was last
 * assessed; otherwise it stays where it is, so an analyst who lowered it keeps their judgement until
 * the story gives new reason (a worse alert, a further stage, more hosts).
 */
function withStoryRisk(document: IncidentDocument, organisationCritical: boolean): IncidentDocument {
  const entities = document.entities ?? [];
  const risk = assessStory({
    maxLevel: ruleLevelOf(document),
    tactics: document.tactics ?? [],
    hosts: entities.filter((entity) => HOST_FIELDS.some((field) => entity.startsWith(field))).length,
    accounts: entities.filter((entity) => ACCOUNT_FIELDS.some((field) => entity.startsWith(field))).length,
    organisationCritical,
    alertCount: document.alertCount,
  });
  const worse = document.risk === undefined || LEVEL_ORDER.indexOf(risk.severity) > LEVEL_ORDER.indexOf(document.risk.severity);
  return { ...document, risk, severity: worse ? higher(document.severity, risk.severity) : document.severity };
}

const HOST_FIELDS = ['host.name='];
const ACCOUNT_FIELDS = ['user.name=', 'user.target.name='];

/** Incidents stored before rule levels were kept separately: their severity was the highest rule level. */
function ruleLevelOf(incident: Pick<IncidentDocument, 'ruleLevel' | 'severity'>): Severity {
  return incident.ruleLevel ?? incident.severity;
}

function wasCritical(risk: IncidentRisk | undefined): boolean {
  return risk?.reasons.some((reason) => reason.code === 'critical_organisation') ?? false;
}
