import { spawnSync } from 'node:child_process';
import { progress } from './progress.js';
import { writeSummary } from './write-summary.js';
import { runApi } from './suites/api.js';
import { runCollectors } from './suites/collectors.js';
import { runDetect } from './suites/detect.js';
import { runFuzz } from './suites/fuzz.js';
import { runMemory } from './suites/memory.js';
import { runPipelineEmbedded } from './suites/pipeline-embedded.js';
import { runPipelineKafka } from './suites/pipeline-kafka.js';
import { runQuality } from './suites/quality.js';

type Suite = () => Promise<void>;

/** Suites in the order `npm run bench` runs them; `npm run bench -- <name>…` runs the named ones. */
const SUITES: Record<string, Suite> = {
  detect: runDetect,
  collectors: runCollectors,
  memory: runMemory,
  quality: runQuality,
  'pipeline-embedded': runPipelineEmbedded,
  api: runApi,
  'pipeline-kafka': runPipelineKafka,
  fuzz: runFuzz,
};

/** Suites that read the heap and need `global.gc`: main re-spawns itself with --expose-gc for them. */
const NEEDS_GC = new Set(['memory']);

async function main(): Promise<void> {
  const requested = process.argv.slice(2);
  const names = requested.length > 0 ? requested : Object.keys(SUITES);
  const unknown = names.filter((name) => !SUITES[name]);
  if (unknown.length > 0) {
    process.stderr.write(`unknown suite(s): ${unknown.join(', ')}; known: ${Object.keys(SUITES).join(', ')}\n`);
    process.exit(2);
  }
  for (const name of names) {
    const started = Date.now();
    if (NEEDS_GC.has(name) && typeof globalThis.gc !== 'function') {
      const child = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', '--max-old-space-size=4096', process.argv[1]!, name], { stdio: 'inherit' });
      if (child.status !== 0) process.exitCode = 1;
    } else {
      await SUITES[name]!();
    }
    progress(name, `done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  if (typeof globalThis.gc !== 'function' || requested.length === 0) writeSummary();
}

await main();
