import path from 'node:path';
import type { Alert } from '../../core/domain/alert.js';
import type { EcsEvent } from '../../core/domain/ecs.js';
import { DetectionEngine } from '../../detectors/detection-engine.js';
import { incidentUpdateFor } from '../../detectors/incidents/incident-update.js';
import { loadIocLists } from '../../detectors/ioc/load-ioc-lists.js';
import { loadRules } from '../../detectors/sigma/loadRules.js';
import { SCENARIOS, type ScenarioName } from '../traffic/attack-scenarios.js';
import { deliverTraffic } from '../traffic/deliver-traffic.js';
import { generateTraffic, type TrafficOptions } from '../traffic/generate-traffic.js';
import { parseLines } from '../traffic/parse-lines.js';
import { measureRuleNoise, type RuleNoise } from './measure-rule-noise.js';

interface IncidentTally {
  ruleName: string;
  level: string;
  alerts: number;
  labels: Set<string>;
  organisations: number;
}

export interface ScenarioFigures {
  instances: number;
  found: number;
  recall: number;
  /** Labels of the instances no incident of the scenario's rules holds. */
  missed: string[];
  incidents: number;
  truePositiveIncidents: number;
  precision: number;
  rules: string[];
}

export interface LateAttackFigures {
  label: string;
  expected: 'found' | 'not correlated';
  /** Rules of the scenario whose incidents hold the attack's events. */
  foundBy: string[];
  asExpected: boolean;
}

export interface QualityFigures {
  figures: Record<string, unknown>;
  scenarios: Record<ScenarioName, ScenarioFigures>;
  lateAttacks: LateAttackFigures[];
  /** With `measureNoise`: every rule's alerts on the same traffic with all rules on. */
  noise?: RuleNoise;
}

export interface QualityOptions extends TrafficOptions {
  /** Replays the traffic a second time with every rule switched on, to measure the noise of those that are off. */
  measureNoise?: boolean;
}

/**
 * Detection quality on a synthetic day of N municipalities, delivered as forwarders deliver it
 * (bench/traffic/deliver-traffic.ts): raw lines through the real parsers in arrival order, the real
 * DetectionEngine with the shipped rules and the real incident grouping. An incident is a hit for a
 * scenario when one of its alerts' events was written by an instance of it; recall counts instances
 * with at least one incident of the scenario's rules that contains their events, precision counts
 * the incidents of those rules that do. The attacks in the stretch delivered beyond the allowed
 * lateness are scored apart, against what the engine promises for late events.
 */
export async function measureQuality(options: QualityOptions, report: (message: string) => void = () => undefined): Promise<QualityFigures> {
  report(`generating a day of traffic for ${options.organisations} organisations with labelled attacks`);
  const traffic = generateTraffic(options);
  const delivered = deliverTraffic(traffic, options.seed);
  const parsed = parseLines(delivered.lines, traffic.organisations.map((o) => o.organisation));
  report(`${delivered.lines.length} lines, ${parsed.events.length} events (${parsed.failed} unparseable), ${traffic.instances.length} attack instances and ${delivered.lateInstances.length} in the stretch held back`);

  const rulesPath = path.resolve('rules');
  const names = await ruleNames(rulesPath);
  // The replay runs far faster than the day it replays: the engine's wall clock is the arrival time
  // of the event at hand, so that time since arrival (lateness, silent keys) is the simulated one.
  const arrivalOf = (event: EcsEvent) => Date.parse(event.event.ingested!);
  let now = arrivalOf(parsed.events[0]!);
  const { engine, problems, defaults } = await DetectionEngine.load(rulesPath, { correlation: { clock: () => now } });
  if (problems.some((problem) => problem.severity === 'error')) throw new Error(`shipped rules have errors: ${JSON.stringify(problems)}`);
  const alerts: Alert[] = [];
  const started = Date.now();
  for (const event of parsed.events) {
    now = arrivalOf(event);
    alerts.push(...engine.process(event));
  }
  alerts.push(...engine.flush());
  report(`${alerts.length} alerts in ${((Date.now() - started) / 1000).toFixed(1)} s, ${engine.stats().lateEvents} late events`);

  const incidents = new Map<string, IncidentTally>();
  for (const alert of alerts) {
    const update = incidentUpdateFor(alert, alert.organization.id ?? 'campaign', new Date(alert['@timestamp']));
    const tally = incidents.get(update.incidentId) ?? { ruleName: names.get(alert.rule.id) ?? alert.rule.id, level: alert.rule.level, alerts: 0, labels: new Set<string>(), organisations: update.organizationIds?.length ?? 1 };
    tally.alerts++;
    const ids = new Set([...alert.event_ids, ...(alert.events ?? []).map((event) => event.event.id)]);
    for (const id of ids) {
      const label = parsed.labels.get(id);
      if (label) tally.labels.add(label);
    }
    incidents.set(update.incidentId, tally);
  }

  const scenarios = {} as Record<ScenarioName, ScenarioFigures>;
  for (const scenario of Object.keys(SCENARIOS) as ScenarioName[]) {
    const ruleSet = new Set<string>(SCENARIOS[scenario]);
    const instances = traffic.instances.filter((instance) => instance.scenario === scenario);
    const ofRules = [...incidents.values()].filter((incident) => ruleSet.has(incident.ruleName));
    const hits = ofRules.filter((incident) => [...incident.labels].some((label) => label.startsWith(`${scenario}#`)));
    const found = instances.filter((instance) => hits.some((incident) => incident.labels.has(instance.label)));
    scenarios[scenario] = {
      instances: instances.length,
      found: found.length,
      recall: ratio(found.length, instances.length),
      missed: instances.filter((instance) => !found.includes(instance)).map((instance) => instance.label),
      incidents: ofRules.length,
      truePositiveIncidents: hits.length,
      precision: ratio(hits.length, ofRules.length),
      rules: [...ruleSet],
    };
    report(`${scenario}: recall ${found.length}/${instances.length}, precision ${hits.length}/${ofRules.length}`);
  }
  const lateAttacks = delivered.lateInstances.map((instance): LateAttackFigures => {
    const ruleSet = new Set<string>(SCENARIOS[instance.scenario]);
    const foundBy = [...new Set([...incidents.values()].filter((incident) => ruleSet.has(incident.ruleName) && incident.labels.has(instance.label)).map((incident) => incident.ruleName))];
    return { label: instance.label, expected: instance.expected, foundBy, asExpected: (foundBy.length > 0) === (instance.expected === 'found') };
  });
  for (const late of lateAttacks) report(`held back beyond the lateness: ${late.label} expected ${late.expected}, found by [${late.foundBy.join(', ')}]`);

  const days = options.durationMs / 86_400_000;
  const perOrganisationDay = (count: number) => Math.round((count / options.organisations / days) * 1000) / 1000;
  const byPack = new Map<string, { enabledRules: number; alerts: number }>();
  const { sigmaRules, correlations, iocLists } = engine.rules();
  for (const rule of [...sigmaRules, ...correlations, ...iocLists]) {
    if (!engine.isEnabled(rule.id)) continue;
    const pack = defaults.of(rule.id).pack;
    const tally = byPack.get(pack) ?? { enabledRules: 0, alerts: 0 };
    tally.enabledRules++;
    byPack.set(pack, tally);
  }
  for (const alert of alerts) byPack.get(defaults.of(alert.rule.id).pack)!.alerts++;
  const packs = Object.fromEntries([...byPack].map(([pack, tally]) => [pack, { ...tally, alertsPerOrganisationPerDay: perOrganisationDay(tally.alerts) }]));
  for (const [pack, tally] of Object.entries(packs)) report(`pack ${pack}: ${tally.enabledRules} rules on, ${tally.alertsPerOrganisationPerDay} alerts per organisation per day`);

  const noise = new Map<string, number>();
  for (const incident of incidents.values()) if (incident.labels.size === 0) noise.set(`${incident.ruleName} (${incident.level})`, (noise.get(`${incident.ruleName} (${incident.level})`) ?? 0) + 1);
  const attackIncidents = [...incidents.values()].filter((incident) => incident.labels.size > 0).length;
  const aboveInformational = [...incidents.values()].filter((incident) => incident.level !== 'informational');
  return {
    scenarios,
    lateAttacks,
    ...(options.measureNoise ? { noise: await measureRuleNoise(rulesPath, parsed.events, perOrganisationDay, report) } : {}),
    figures: {
      alertsPerOrganisationPerDayByPack: packs,
      organisations: options.organisations,
      lines: delivered.lines.length,
      events: parsed.events.length,
      unparseable: parsed.failed,
      attackInstances: traffic.instances.length,
      delivery: delivered.figures,
      lateEvents: engine.stats().lateEvents,
      alerts: alerts.length,
      incidents: incidents.size,
      alertsPerIncident: ratio(alerts.length, incidents.size),
      eventsPerAlert: ratio(parsed.events.length, alerts.length),
      incidentsWithAttackEvents: attackIncidents,
      overallIncidentPrecision: ratio(attackIncidents, incidents.size),
      incidentsAboveInformational: aboveInformational.length,
      precisionAboveInformational: ratio(aboveInformational.filter((incident) => incident.labels.size > 0).length, aboveInformational.length),
      campaignIncidents: [...incidents.values()].filter((incident) => incident.organisations > 1).length,
      incidentsWithoutAttackByRule: Object.fromEntries([...noise].sort((a, b) => b[1] - a[1])),
    },
  };
}

/** Rule id → `name` (Sigma rules, correlations) or list id (IOC lists), the names scenarios are defined with. */
async function ruleNames(rulesPath: string): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const loaded = await loadRules([rulesPath]);
  for (const rule of loaded.rules) names.set(rule.id, rule.name ?? rule.id);
  for (const correlation of loaded.correlations) {
    const { id, name } = correlation.doc as { id?: string; name?: string };
    if (id) names.set(id, name ?? id);
  }
  for (const list of (await loadIocLists(path.join(rulesPath, 'ioc'))).lists) names.set(list.id, list.id);
  return names;
}

const ratio = (a: number, b: number): number => (b === 0 ? Number.NaN : Math.round((a / b) * 1000) / 1000);
