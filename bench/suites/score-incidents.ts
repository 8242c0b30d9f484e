import type { Alert } from '../../core/domain/alert.js';
import { SCENARIOS, type AttackInstance, type ScenarioName } from '../traffic/attack-scenarios.js';
import type { IntrusionInstance, IntrusionName } from '../traffic/intrusions/intrusion-scenarios.js';
import type { AlertEvidence, HeldIncident, IncidentQueues } from './incident-evidence.js';

/** One queue's incidents against the ground truth. */
export interface QueueFigures {
  incidents: number;
  campaigns: number;
  /** Every alert the engine raised, per incident of the queue: what the queue spares the analyst. */
  alertsPerIncident: number;
  /** Alerts the incidents hold (weak alerts that opened no story and joined none are in no incident). */
  alertsInIncidents: number;
  incidentsWithAttackEvents: number;
  incidentsAboveInformational: number;
  precisionAboveInformational: number;
  /** Incidents holding no attack event, by their first rule and severity. */
  incidentsWithoutAttackByRule: Record<string, number>;
}

export interface IntrusionFigures {
  instances: number;
  /** Instances held by an incident above informational in the CERT's queue. */
  found: number;
  recall: number;
  missed: string[];
  /** Per instance: how many incidents hold its events, in the CERT's queue and in its organisation's. */
  incidentsPerInstance: Record<string, { cert: number; organisation: number }>;
  /** Average over the instances. */
  incidentsPerIntrusion: { cert: number; organisation: number };
  /** Per stage: instances whose stage raised an alert, and instances whose stage is in an incident. */
  stages: Record<string, { alerted: number; inIncident: number }>;
  /** `<label>/<stage>` of every stage that is in no incident. */
  stagesNotInIncident: string[];
}

export interface ScenarioFigures {
  instances: number;
  /** Instances whose events an alert of the scenario's rules holds. */
  alerted: number;
  /** Instances whose events an alert of the scenario's rules holds inside an incident of the CERT's queue. */
  found: number;
  recall: number;
  missed: string[];
  /** Incidents of the CERT's queue holding an alert of the scenario's rules. */
  incidents: number;
  /** Of those, the ones where such an alert holds attack events. */
  truePositiveIncidents: number;
  precision: number;
  rules: string[];
}

export function queueFigures(queue: readonly HeldIncident[], alertCount: number, ruleName: (ruleId: string) => string): QueueFigures {
  const aboveInformational = queue.filter(({ incident }) => incident.severity !== 'informational');
  const withoutAttack = new Map<string, number>();
  for (const { incident, labels } of queue) {
    if (labels.size > 0) continue;
    const key = `${ruleName(incident.ruleId)} (${incident.severity})`;
    withoutAttack.set(key, (withoutAttack.get(key) ?? 0) + 1);
  }
  const held = new Set<string>();
  for (const { alertIds } of queue) for (const id of alertIds) held.add(id);
  return {
    incidents: queue.length,
    campaigns: queue.filter(({ incident }) => incident.childIds !== undefined).length,
    alertsPerIncident: ratio(alertCount, queue.length),
    alertsInIncidents: held.size,
    incidentsWithAttackEvents: queue.filter(({ labels }) => labels.size > 0).length,
    incidentsAboveInformational: aboveInformational.length,
    precisionAboveInformational: ratio(aboveInformational.filter(({ labels }) => labels.size > 0).length, aboveInformational.length),
    incidentsWithoutAttackByRule: Object.fromEntries([...withoutAttack].sort((a, b) => b[1] - a[1])),
  };
}

export function intrusionFigures(intrusions: readonly IntrusionInstance[], queues: IncidentQueues, evidence: ReadonlyMap<string, AlertEvidence>): Record<IntrusionName, IntrusionFigures> {
  const alertedStages = new Set<string>();
  for (const proof of evidence.values()) for (const stage of proof.stages) alertedStages.add(stage);
  const heldStages = new Set<string>();
  for (const { stages } of queues.cert) for (const stage of stages) heldStages.add(stage);
  const figures = {} as Record<IntrusionName, IntrusionFigures>;
  for (const scenario of [...new Set(intrusions.map((instance) => instance.scenario))]) {
    const instances = intrusions.filter((instance) => instance.scenario === scenario);
    const perInstance: IntrusionFigures['incidentsPerInstance'] = {};
    const stages: IntrusionFigures['stages'] = {};
    const notInIncident: string[] = [];
    const missed: string[] = [];
    for (const instance of instances) {
      const cert = queues.cert.filter(({ labels }) => labels.has(instance.label));
      perInstance[instance.label] = { cert: cert.length, organisation: queues.organisations.filter(({ labels }) => labels.has(instance.label)).length };
      if (!cert.some(({ incident }) => incident.severity !== 'informational')) missed.push(instance.label);
      for (const stage of instance.stages) {
        const key = `${instance.label}/${stage}`;
        const tally = (stages[stage] ??= { alerted: 0, inIncident: 0 });
        if (alertedStages.has(key)) tally.alerted++;
        if (heldStages.has(key)) tally.inIncident++;
        else notInIncident.push(key);
      }
    }
    const counts = Object.values(perInstance);
    figures[scenario] = {
      instances: instances.length,
      found: instances.length - missed.length,
      recall: ratio(instances.length - missed.length, instances.length),
      missed,
      incidentsPerInstance: perInstance,
      incidentsPerIntrusion: { cert: average(counts.map((count) => count.cert)), organisation: average(counts.map((count) => count.organisation)) },
      stages,
      stagesNotInIncident: notInIncident,
    };
  }
  return figures;
}

/**
 * The single-stage scenarios, scored on the CERT's queue by the alerts of each scenario's rules: an
 * instance is found when such an alert holds its events and sits in an incident; an incident counts
 * for the scenario when it holds such an alert, and is a true positive when such an alert holds
 * attack events (of the scenario, or of an intrusion stage the same rule detects).
 */
export function scenarioFigures(instances: readonly AttackInstance[], alerts: readonly Alert[], queues: IncidentQueues, evidence: ReadonlyMap<string, AlertEvidence>, ruleName: (ruleId: string) => string): Record<ScenarioName, ScenarioFigures> {
  const figures = {} as Record<ScenarioName, ScenarioFigures>;
  for (const scenario of Object.keys(SCENARIOS) as ScenarioName[]) {
    const ruleSet = new Set<string>(SCENARIOS[scenario]);
    const ofRules = new Set(alerts.filter((alert) => ruleSet.has(ruleName(alert.rule.id))).map((alert) => alert.alert.id));
    const labelsOf = (alertIds: Iterable<string>): Set<string> => {
      const labels = new Set<string>();
      for (const id of alertIds) if (ofRules.has(id)) for (const label of evidence.get(id)?.labels ?? []) labels.add(label);
      return labels;
    };
    const alerted = labelsOf(ofRules);
    const incidents = queues.cert.filter(({ alertIds }) => [...alertIds].some((id) => ofRules.has(id))).map(({ alertIds }) => labelsOf(alertIds));
    const hits = incidents.filter((labels) => labels.size > 0);
    const ofScenario = instances.filter((instance) => instance.scenario === scenario);
    const found = ofScenario.filter((instance) => hits.some((labels) => labels.has(instance.label)));
    figures[scenario] = {
      instances: ofScenario.length,
      alerted: ofScenario.filter((instance) => alerted.has(instance.label)).length,
      found: found.length,
      recall: ratio(found.length, ofScenario.length),
      missed: ofScenario.filter((instance) => !found.includes(instance)).map((instance) => instance.label),
      incidents: incidents.length,
      truePositiveIncidents: hits.length,
      precision: ratio(hits.length, incidents.length),
      rules: [...ruleSet],
    };
  }
  return figures;
}

export const ratio = (a: number, b: number): number => (b === 0 ? Number.NaN : Math.round((a / b) * 1000) / 1000);

const average = (values: readonly number[]): number => ratio(values.reduce((sum, value) => sum + value, 0), values.length);
