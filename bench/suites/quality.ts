import path from 'node:path';
import type { Alert } from '../../core/domain/alert.js';
import { DetectionEngine } from '../../detectors/detection-engine.js';
import { incidentUpdateFor } from '../../detectors/incidents/incident-update.js';
import { loadIocLists } from '../../detectors/ioc/load-ioc-lists.js';
import { loadRules } from '../../detectors/sigma/loadRules.js';
import { progress } from '../progress.js';
import { SCENARIOS, type ScenarioName } from '../traffic/attack-scenarios.js';
import { generateTraffic } from '../traffic/generate-traffic.js';
import { parseLines } from '../traffic/parse-lines.js';
import { writeResult } from '../write-result.js';

const SUITE = 'quality';

interface IncidentTally {
  ruleName: string;
  level: string;
  alerts: number;
  labels: Set<string>;
  organisations: number;
}

/**
 * Detection quality on a synthetic day of N municipalities: raw lines through the real parsers, the
 * real DetectionEngine with the shipped rules and the real incident grouping. An incident is a hit
 * for a scenario when one of its alerts' events was written by an instance of it; recall counts
 * instances with at least one incident of the scenario's rules that contains their events, precision
 * counts the incidents of those rules that do.
 */
export async function runQuality(): Promise<void> {
  const organisations = 100;
  progress(SUITE, `generating a day of traffic for ${organisations} organisations with labelled attacks`);
  const traffic = generateTraffic({ organisations, linesPerOrganisation: 4000, startMs: Date.UTC(2025, 2, 10), durationMs: 24 * 3_600_000, attacksPerScenario: 10, seed: 42 });
  const parsed = parseLines(traffic.lines, traffic.organisations.map((o) => o.organisation));
  progress(SUITE, `${traffic.lines.length} lines, ${parsed.events.length} events (${parsed.failed} unparseable), ${traffic.instances.length} attack instances`);

  const names = await ruleNames(path.resolve('rules'));
  const { engine, problems } = await DetectionEngine.load(path.resolve('rules'));
  if (problems.some((problem) => problem.severity === 'error')) throw new Error(`shipped rules have errors: ${JSON.stringify(problems)}`);
  const alerts: Alert[] = [];
  const started = Date.now();
  for (const event of parsed.events) alerts.push(...engine.process(event));
  alerts.push(...engine.flush());
  progress(SUITE, `${alerts.length} alerts in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const incidents = new Map<string, IncidentTally>();
  for (const alert of alerts) {
    const update = incidentUpdateFor(alert, new Date(alert['@timestamp']));
    const tally = incidents.get(update.incidentId) ?? { ruleName: names.get(alert.rule.id) ?? alert.rule.id, level: alert.rule.level, alerts: 0, labels: new Set<string>(), organisations: update.organizationIds?.length ?? 1 };
    tally.alerts++;
    const ids = new Set([...alert.event_ids, ...(alert.events ?? []).map((event) => event.event.id)]);
    for (const id of ids) {
      const label = parsed.labels.get(id);
      if (label) tally.labels.add(label);
    }
    incidents.set(update.incidentId, tally);
  }

  const perScenario: Record<string, unknown> = {};
  for (const scenario of Object.keys(SCENARIOS) as ScenarioName[]) {
    const ruleSet = new Set<string>(SCENARIOS[scenario]);
    const instances = traffic.instances.filter((instance) => instance.scenario === scenario);
    const ofRules = [...incidents.values()].filter((incident) => ruleSet.has(incident.ruleName));
    const hits = ofRules.filter((incident) => [...incident.labels].some((label) => label.startsWith(`${scenario}#`)));
    const found = instances.filter((instance) => hits.some((incident) => incident.labels.has(instance.label)));
    perScenario[scenario] = {
      instances: instances.length,
      found: found.length,
      recall: ratio(found.length, instances.length),
      incidents: ofRules.length,
      truePositiveIncidents: hits.length,
      precision: ratio(hits.length, ofRules.length),
      rules: [...ruleSet],
    };
    progress(SUITE, `${scenario}: recall ${found.length}/${instances.length}, precision ${hits.length}/${ofRules.length}`);
  }
  const noise = new Map<string, number>();
  for (const incident of incidents.values()) if (incident.labels.size === 0) noise.set(`${incident.ruleName} (${incident.level})`, (noise.get(`${incident.ruleName} (${incident.level})`) ?? 0) + 1);
  const attackIncidents = [...incidents.values()].filter((incident) => incident.labels.size > 0).length;
  writeResult(SUITE, {
    organisations,
    lines: traffic.lines.length,
    events: parsed.events.length,
    unparseable: parsed.failed,
    attackInstances: traffic.instances.length,
    alerts: alerts.length,
    incidents: incidents.size,
    alertsPerIncident: ratio(alerts.length, incidents.size),
    eventsPerAlert: ratio(parsed.events.length, alerts.length),
    incidentsWithAttackEvents: attackIncidents,
    overallIncidentPrecision: ratio(attackIncidents, incidents.size),
    incidentsAboveInformational: [...incidents.values()].filter((incident) => incident.level !== 'informational').length,
    precisionAboveInformational: ratio([...incidents.values()].filter((incident) => incident.level !== 'informational' && incident.labels.size > 0).length, [...incidents.values()].filter((incident) => incident.level !== 'informational').length),
    campaignIncidents: [...incidents.values()].filter((incident) => incident.organisations > 1).length,
    scenarios: perScenario,
    incidentsWithoutAttackByRule: Object.fromEntries([...noise].sort((a, b) => b[1] - a[1])),
  });
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
