import type { Alert } from '../../core/domain/alert.js';
import { isCampaign, type Incident } from '../../core/domain/incident.js';

/** What an alert proves, by the ground truth of the events it holds. */
export interface AlertEvidence {
  /** `<scenario>#<n>` of the attacks whose events the alert holds. */
  labels: Set<string>;
  /** `<scenario>#<n>/<stage>` for the intrusion stages among them. */
  stages: Set<string>;
}

/** An incident as one queue shows it, with everything its alerts prove. */
export interface HeldIncident {
  incident: Incident;
  /** The alerts it holds; a campaign holds its children's too. */
  alertIds: Set<string>;
  labels: Set<string>;
  stages: Set<string>;
  /** `name` of every rule among its alerts (rule id where a rule has none). */
  rules: Set<string>;
}

/** The two queues: what the CERT lists (a campaign stands for its children) and the organisations' own incidents. */
export interface IncidentQueues {
  cert: HeldIncident[];
  organisations: HeldIncident[];
}

export function alertEvidence(alerts: readonly Alert[], labels: ReadonlyMap<string, string>, stages: ReadonlyMap<string, string>): Map<string, AlertEvidence> {
  const evidence = new Map<string, AlertEvidence>();
  for (const alert of alerts) {
    const held: AlertEvidence = { labels: new Set(), stages: new Set() };
    for (const id of eventIdsOf(alert)) {
      const label = labels.get(id);
      if (label === undefined) continue;
      held.labels.add(label);
      const stage = stages.get(id);
      if (stage !== undefined) held.stages.add(`${label}/${stage}`);
    }
    evidence.set(alert.alert.id, held);
  }
  return evidence;
}

/** Event ids an alert names, from its id list and from the evidence it carries. */
export function eventIdsOf(alert: Alert): Set<string> {
  return new Set([...alert.event_ids, ...(alert.events ?? []).map((event) => event.event.id)]);
}

/**
 * The incidents not merged into another, as the CERT's queue lists them (top level: campaigns and
 * incidents in no campaign) and as the organisations see theirs (every incident that is no campaign).
 */
export function incidentQueues(incidents: readonly Incident[], alerts: readonly Alert[], evidence: ReadonlyMap<string, AlertEvidence>, ruleName: (ruleId: string) => string): IncidentQueues {
  const ruleOf = new Map(alerts.map((alert) => [alert.alert.id, ruleName(alert.rule.id)]));
  const byId = new Map(incidents.map((incident) => [incident.id, incident]));
  const held = (incident: Incident): HeldIncident => {
    const alertIds = new Set(incident.alertIds);
    for (const child of incident.childIds ?? []) for (const id of byId.get(child)?.alertIds ?? []) alertIds.add(id);
    const result: HeldIncident = { incident, alertIds, labels: new Set(), stages: new Set(), rules: new Set() };
    for (const id of alertIds) {
      const proof = evidence.get(id);
      for (const label of proof?.labels ?? []) result.labels.add(label);
      for (const stage of proof?.stages ?? []) result.stages.add(stage);
      const rule = ruleOf.get(id);
      if (rule !== undefined) result.rules.add(rule);
    }
    return result;
  };
  return {
    cert: incidents.filter((incident) => !incident.campaignId).map(held),
    organisations: incidents.filter((incident) => !isCampaign(incident)).map(held),
  };
}
