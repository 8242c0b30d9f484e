import path from 'node:path';
import type { EcsEvent } from '../../core/domain/ecs.js';
import { DetectionEngine } from '../../detectors/detection-engine.js';
import { loadIocLists } from '../../detectors/ioc/load-ioc-lists.js';
import { loadRules } from '../../detectors/sigma/load-rules.js';
import { SCENARIOS, type ScenarioName } from '../traffic/attack-scenarios.js';
import { deliverTraffic } from '../traffic/deliver-traffic.js';
import { generateTraffic, type TrafficOptions } from '../traffic/generate-traffic.js';
import type { IntrusionName } from '../traffic/intrusions/intrusion-scenarios.js';
import { parseLines } from '../traffic/parse-lines.js';
import { alertEvidence, incidentQueues } from './incident-evidence.js';
import { measureRuleNoise, type RuleNoise } from './measure-rule-noise.js';
import { recordIncidents, type ArrivedAlert } from './record-incidents.js';
import { intrusionFigures, queueFigures, ratio, scenarioFigures, type IntrusionFigures, type QueueFigures, type ScenarioFigures } from './score-incidents.js';

export interface LateAttackFigures {
  label: string;
  expected: 'found' | 'not correlated';
  /** Rules of the scenario whose alerts hold the attack's events. */
  foundBy: string[];
  asExpected: boolean;
}

/** A figure issue 17 sets a target for, with whether this run met it. */
export interface TargetFigure {
  value: number;
  target: string;
  met: boolean;
}

export interface QualityFigures {
  figures: Record<string, unknown>;
  /** The CERT's queue (campaigns stand for their children) and the organisations' own incidents. */
  queues: { cert: QueueFigures; organisations: QueueFigures };
  intrusions: Record<IntrusionName, IntrusionFigures>;
  targets: Record<'incidentsPerIntrusion' | 'intrusionRecall' | 'alertsPerIncident' | 'precisionAboveInformational', TargetFigure>;
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
 * DetectionEngine with the shipped rules, and the alerts filed into incidents by the incident
 * recorder's own batch step (story grouping, risk of weak alerts, campaigns) on an in-memory store.
 * The incidents read back are scored against the ground truth of the events their alerts hold:
 * the multi-stage intrusions per instance and stage, the single-stage scenarios by their rules, and
 * both queues as a whole. The attacks in the stretch delivered beyond the allowed lateness are
 * scored apart, against what the engine promises for late events.
 */
export async function measureQuality(options: QualityOptions, report: (message: string) => void = () => undefined): Promise<QualityFigures> {
  report(`generating a day of traffic for ${options.organisations} organisations with labelled attacks and intrusions`);
  const traffic = generateTraffic(options);
  const delivered = deliverTraffic(traffic, options.seed);
  const parsed = parseLines(delivered.lines, traffic.organisations.map((o) => o.organisation));
  report(`${delivered.lines.length} lines, ${parsed.events.length} events (${parsed.failed} unparseable), ${traffic.instances.length} attack instances, ${traffic.intrusions.length} intrusions and ${delivered.lateInstances.length} attacks in the stretch held back`);

  const rulesPath = path.resolve('rules');
  const names = await ruleNames(rulesPath);
  const ruleName = (id: string): string => names.get(id) ?? id;
  // The replay runs far faster than the day it replays: the engine's wall clock is the arrival time
  // of the event at hand, so that time since arrival (lateness, silent keys) is the simulated one.
  const arrivalOf = (event: EcsEvent) => Date.parse(event.event.ingested!);
  let now = arrivalOf(parsed.events[0]!);
  const { engine, problems, defaults } = await DetectionEngine.load(rulesPath, { correlation: { clock: () => now } });
  if (problems.some((problem) => problem.severity === 'error')) throw new Error(`shipped rules have errors: ${JSON.stringify(problems)}`);
  const arrived: ArrivedAlert[] = [];
  const started = Date.now();
  for (const event of parsed.events) {
    now = arrivalOf(event);
    for (const alert of engine.process(event)) arrived.push({ alert, arrivalMs: now });
  }
  for (const alert of engine.flush()) arrived.push({ alert, arrivalMs: now });
  const alerts = arrived.map(({ alert }) => alert);
  report(`${alerts.length} alerts in ${((Date.now() - started) / 1000).toFixed(1)} s, ${engine.stats().lateEvents} late events`);

  const recordingStarted = Date.now();
  const incidents = await recordIncidents(arrived, traffic.organisations.map((o) => o.organisation));
  report(`${incidents.length} incidents recorded in ${((Date.now() - recordingStarted) / 1000).toFixed(1)} s`);
  const evidence = alertEvidence(alerts, parsed.labels, parsed.stages);
  const queues = incidentQueues(incidents, alerts, evidence, ruleName);
  const cert = queueFigures(queues.cert, alerts.length, ruleName);
  const organisations = queueFigures(queues.organisations, alerts.length, ruleName);
  report(`CERT queue: ${cert.incidents} incidents (${cert.campaigns} campaigns), ${cert.alertsPerIncident} alerts per incident, precision above informational ${cert.precisionAboveInformational}; organisations: ${organisations.incidents} incidents`);

  const intrusions = intrusionFigures(traffic.intrusions, queues, evidence);
  for (const [scenario, figures] of Object.entries(intrusions)) {
    report(`${scenario}: recall ${figures.found}/${figures.instances}, incidents per intrusion ${figures.incidentsPerIntrusion.cert} (CERT) / ${figures.incidentsPerIntrusion.organisation} (organisation), stages not in an incident: ${figures.stagesNotInIncident.length}`);
  }
  const scenarios = scenarioFigures(traffic.instances, alerts, queues, evidence, ruleName);
  for (const [scenario, figures] of Object.entries(scenarios)) report(`${scenario}: alerted ${figures.alerted}/${figures.instances}, in an incident ${figures.found}/${figures.instances}, precision ${figures.truePositiveIncidents}/${figures.incidents}`);

  const lateAttacks = delivered.lateInstances.map((instance): LateAttackFigures => {
    const ruleSet = new Set<string>(SCENARIOS[instance.scenario]);
    const foundBy = [...new Set(alerts.filter((alert) => ruleSet.has(ruleName(alert.rule.id)) && evidence.get(alert.alert.id)!.labels.has(instance.label)).map((alert) => ruleName(alert.rule.id)))];
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

  const perIntrusion = Object.values(intrusions).flatMap((figures) => Object.values(figures.incidentsPerInstance).map((count) => count.cert));
  const intrusionsFound = Object.values(intrusions).reduce((sum, figures) => sum + figures.found, 0);
  const incidentsPerIntrusion = ratio(perIntrusion.reduce((sum, count) => sum + count, 0), perIntrusion.length);
  const intrusionRecall = ratio(intrusionsFound, traffic.intrusions.length);
  return {
    queues: { cert, organisations },
    intrusions,
    targets: {
      incidentsPerIntrusion: { value: incidentsPerIntrusion, target: '≤ 1.2', met: incidentsPerIntrusion <= 1.2 },
      intrusionRecall: { value: intrusionRecall, target: '1', met: intrusionRecall === 1 },
      alertsPerIncident: { value: cert.alertsPerIncident, target: '≥ 20', met: cert.alertsPerIncident >= 20 },
      precisionAboveInformational: { value: cert.precisionAboveInformational, target: '≥ 0.9', met: cert.precisionAboveInformational >= 0.9 },
    },
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
      intrusionInstances: traffic.intrusions.length,
      delivery: delivered.figures,
      lateEvents: engine.stats().lateEvents,
      alerts: alerts.length,
      eventsPerAlert: ratio(parsed.events.length, alerts.length),
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

