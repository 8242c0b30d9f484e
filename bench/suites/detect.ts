import path from 'node:path';
import type { EcsEvent } from '../../core/domain/ecs.js';
import { DetectionEngine, type LoadedRuleSet } from '../../detectors/detection-engine.js';
import { percentiles } from '../percentiles.js';
import { progress } from '../progress.js';
import { generateTraffic } from '../traffic/generate-traffic.js';
import { parseLines } from '../traffic/parse-lines.js';
import { sigmaRegressionEvents } from '../traffic/sigma-regression-events.js';
import { writeResult } from '../write-result.js';

const SUITE = 'detect';

/** Passes per measurement: on a shared two-core VM one pass can be off by a fifth either way. */
const PASSES = 3;

/**
 * Events per second on one core: JSON.parse alone (the floor every consumer pays), then JSON.parse plus
 * DetectionEngine.process with the default rule set (what `npm start` runs: Lagebild's rules, SigmaHQ
 * Core for the log sources Lagebild receives, the tuning), then with every shipped rule on. Same events, same
 * process; each engine figure is the median of PASSES passes over the whole set, each on a fresh
 * engine after a warm-up on a throwaway one, so correlation state grows and expires as in the
 * service. Every pass is kept in the result.
 */
export async function runDetect(): Promise<void> {
  progress(SUITE, 'generating and parsing traffic (Linux auth, firewall, DNS, proxy, Windows, web, AV)');
  const traffic = generateTraffic({ organisations: 50, linesPerOrganisation: 5000, startMs: Date.UTC(2025, 2, 10), durationMs: 12 * 3_600_000, attacksPerScenario: 5, seed: 7 });
  const parsed = parseLines(traffic.lines, traffic.organisations.map((o) => o.organisation));
  const regression = sigmaRegressionEvents();
  // The regression events are Windows/Sysmon telemetry: mixed in at about one in six events.
  const mixed: EcsEvent[] = [];
  let r = 0;
  parsed.events.forEach((event, index) => {
    mixed.push(event);
    if (index % 5 === 0) {
      const template = regression[r++ % regression.length]!;
      mixed.push({ ...template, '@timestamp': event['@timestamp'], event: { id: `regression-${index}` } } as EcsEvent);
    }
  });
  const lines = mixed.map((event) => JSON.stringify(event));
  const bytes = lines.reduce((sum, line) => sum + line.length, 0);
  progress(SUITE, `${lines.length} events (${parsed.events.length} parsed from ${traffic.lines.length} lines, ${parsed.failed} unparseable; ${regression.length} SigmaHQ regression events mixed in at 1 in 6), avg ${Math.round(bytes / lines.length)} bytes`);

  const floor = measureFloor(lines);
  progress(SUITE, `JSON.parse floor: ${Math.round(floor.eventsPerSecond)} ev/s`);

  const loadStarted = Date.now();
  const ruleSet = await DetectionEngine.loadRuleSet(path.resolve('rules'));
  const loadSeconds = round((Date.now() - loadStarted) / 1000);
  const ruleErrors = ruleSet.problems.filter((problem) => problem.severity === 'error').length;
  progress(SUITE, `rules loaded in ${loadSeconds} s (${ruleErrors} rule errors)`);
  const defaultSet = measureEngine(ruleSet, lines, 'default rule set', false);
  const allOn = measureEngine(ruleSet, lines, 'every shipped rule on', true);

  writeResult(SUITE, {
    events: lines.length,
    averageEventBytes: Math.round(bytes / lines.length),
    mix: { generatedLines: traffic.lines.length, parsedEvents: parsed.events.length, sigmaRegressionEvents: regression.length, regressionShare: '1 in 6' },
    floor,
    rules: { loadSeconds, ruleErrors },
    defaultRuleSet: { ...defaultSet, ratioToFloor: round(defaultSet.eventsPerSecond / floor.eventsPerSecond), target: 100_000, met: defaultSet.eventsPerSecond >= 100_000 },
    everyRuleOn: { ...allOn, ratioToFloor: round(allOn.eventsPerSecond / floor.eventsPerSecond), target: 30_000, met: allOn.eventsPerSecond >= 30_000 },
  });
}

function measureFloor(lines: string[]): { eventsPerSecond: number; passes: number[] } {
  let sink = 0;
  for (let i = 0; i < Math.min(lines.length, 50_000); i++) sink += (JSON.parse(lines[i]!) as EcsEvent)['@timestamp'] ? 1 : 0;
  const passes: number[] = [];
  for (let pass = 0; pass < PASSES; pass++) {
    const started = process.hrtime.bigint();
    for (const line of lines) {
      const event = JSON.parse(line) as EcsEvent;
      if (event['@timestamp']) sink++;
    }
    passes.push(Math.round(lines.length / (Number(process.hrtime.bigint() - started) / 1e9)));
  }
  if (sink < 0) throw new Error('unreachable');
  return { eventsPerSecond: median(passes), passes };
}

export interface EngineFigures {
  rulesOn: number;
  eventsPerSecond: number;
  passes: number[];
  alerts: number;
  /** Building the rule index of the enabled rules (RuleIndex), before the first event. */
  indexSeconds: number;
}

/**
 * An engine over the rule set as loaded (default switches), or with every rule switched on, with its
 * rule index built, as the service builds it before taking events; the build is timed apart.
 */
function engineOf(ruleSet: LoadedRuleSet, everyRuleOn: boolean): { engine: DetectionEngine; indexSeconds: number } {
  const engine = DetectionEngine.fromRuleSet(ruleSet);
  if (everyRuleOn) for (const rule of [...ruleSet.parts.sigmaRules, ...ruleSet.parts.correlations, ...ruleSet.parts.iocLists]) engine.setEnabled(rule.id, true);
  const started = process.hrtime.bigint();
  engine.prepare();
  return { engine, indexSeconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** JSON.parse + DetectionEngine.process over `lines` (ECS events as JSON), median of PASSES passes; also used by the pipeline suites. */
export function measureEngine(ruleSet: LoadedRuleSet, lines: string[], name: string, everyRuleOn: boolean): EngineFigures {
  const { engine: warm, indexSeconds } = engineOf(ruleSet, everyRuleOn);
  const { sigmaRules, correlations, iocLists } = warm.rules();
  const rulesOn = [...sigmaRules, ...correlations, ...iocLists].filter((rule) => warm.isEnabled(rule.id)).length;
  progress(SUITE, `${name}: ${rulesOn} rules on; warming up`);
  for (let i = 0; i < Math.min(lines.length, 30_000); i++) warm.process(JSON.parse(lines[i]!) as EcsEvent);
  const passes: number[] = [];
  let alerts = 0;
  for (let pass = 1; pass <= PASSES; pass++) {
    const measured = measurePass(engineOf(ruleSet, everyRuleOn).engine, lines, `${name}, pass ${pass}/${PASSES}`);
    passes.push(measured.eventsPerSecond);
    alerts = measured.alerts;
  }
  const eventsPerSecond = median(passes);
  progress(SUITE, `${name}: median ${eventsPerSecond} ev/s (passes ${passes.join(', ')}), ${alerts} alerts`);
  return { rulesOn, eventsPerSecond, passes, alerts, indexSeconds: round(indexSeconds) };
}

function measurePass(engine: DetectionEngine, lines: string[], name: string): { eventsPerSecond: number; alerts: number } {
  let alerts = 0;
  const started = process.hrtime.bigint();
  let lastReport = Date.now();
  for (let i = 0; i < lines.length; i++) {
    alerts += engine.process(JSON.parse(lines[i]!) as EcsEvent).length;
    if ((i & 0xfff) === 0 && Date.now() - lastReport > 5000) {
      lastReport = Date.now();
      progress(SUITE, `${name}: ${i}/${lines.length} events`);
    }
  }
  alerts += engine.flush().length;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const eventsPerSecond = Math.round(lines.length / seconds);
  progress(SUITE, `${name}: ${eventsPerSecond} ev/s`);
  return { eventsPerSecond, alerts };
}

function median(values: number[]): number {
  return percentiles([...values], [50]).p50!;
}

const round = (n: number): number => Math.round(n * 100) / 100;
