import path from 'node:path';
import { DetectionEngine } from '../../detectors/detection-engine.js';
import { progress } from '../progress.js';
import { generateTraffic } from '../traffic/generate-traffic.js';
import { parseLines } from '../traffic/parse-lines.js';
import { writeResult } from '../write-result.js';
import { measureEngine } from './detect.js';
import { runLoadCurve } from './run-pipeline.js';

const SUITE = 'pipeline-embedded';

/**
 * Embedded mode (memory bus, SQLite in a temp dir) against its own ceiling: detection alone with the
 * default rule set on the same background traffic, parsed, measured first in the same run. The service
 * is then offered 1.5 times that rate (its saturation rate is what it sustains), then shares of the
 * saturation rate: throughput and latency against offered load (see runLoadCurve).
 */
export async function runPipelineEmbedded(): Promise<void> {
  const detectOnly = await detectOnlyRate();
  progress(SUITE, `detection alone on the same traffic: ${detectOnly} ev/s`);
  const { saturation, sweep, atEightyPercent } = await runLoadCurve(SUITE, () => ({ LAGEBILD_BUS: 'memory', LAGEBILD_STORE: 'sqlite' }), Math.round(detectOnly * 1.5));
  const ratioToDetect = Math.round((saturation.sustainedEventsPerSecond / detectOnly) * 100) / 100;
  writeResult(SUITE, {
    mode: 'embedded: memory bus + SQLite, collectors and detectors in one process',
    detectOnly: { eventsPerSecond: detectOnly, how: 'JSON.parse + DetectionEngine.process, default rule set, the same generated background traffic parsed by the real parsers, median of 3 passes' },
    ...saturation,
    ratioToDetect,
    atEightyPercent,
    sweep,
    target: {
      ratioToDetect: 0.5,
      p99MsAtEightyPercent: 1000,
      met: ratioToDetect >= 0.5 && atEightyPercent.latencyMs.p99! <= 1000 && atEightyPercent.probesSeen === atEightyPercent.probes,
    },
  });
}

/** Detection alone (default rule set) on 20 organisations' background traffic as the pipeline runs get it. */
async function detectOnlyRate(): Promise<number> {
  const traffic = generateTraffic({ organisations: 20, linesPerOrganisation: 10_000, startMs: Date.now(), durationMs: 40_000, attacksPerScenario: 0, seed: 5 });
  const parsed = parseLines(traffic.lines, traffic.organisations.map((o) => o.organisation));
  const lines = parsed.events.map((event) => JSON.stringify(event));
  const ruleSet = await DetectionEngine.loadRuleSet(path.resolve('rules'));
  return measureEngine(ruleSet, lines, 'detection alone', false).eventsPerSecond;
}
