import { progress } from '../progress.js';
import { writeResult } from '../write-result.js';
import { runPipeline } from './run-pipeline.js';

const SUITE = 'pipeline-embedded';

/** Embedded mode (memory bus, SQLite in a temp dir): 25,000 lines/s offered for 40 s, then 5,000 lines/s for 30 s to see latency below saturation. */
export async function runPipelineEmbedded(): Promise<void> {
  const run = await runPipeline(SUITE, { LAGEBILD_BUS: 'memory', LAGEBILD_STORE: 'sqlite' }, 25_000, 40);
  progress(SUITE, `sustained ${run.sustainedEventsPerSecond} ev/s, latency ${JSON.stringify(run.latencyMs)} (${run.probesSeen}/${run.probes} probes)`);
  const lower = await runPipeline(SUITE, { LAGEBILD_BUS: 'memory', LAGEBILD_STORE: 'sqlite' }, 5_000, 30);
  progress(SUITE, `at 5,000 offered: sustained ${lower.sustainedEventsPerSecond} ev/s, latency ${JSON.stringify(lower.latencyMs)} (${lower.probesSeen}/${lower.probes} probes)`);
  writeResult(SUITE, {
    atLowerRate: lower,
    mode: 'embedded: memory bus + SQLite, collectors and detectors in one process',
    ...run,
    target: { eventsPerSecond: 20_000, p99Ms: 1000, met: run.sustainedEventsPerSecond >= 20_000 && run.latencyMs.p99! <= 1000 && run.probesSeen === run.probes },
  });
}
