import { HOSTILE_CLASSES, type HostileClass } from '../traffic/hostile-traffic.js';
import { progress } from '../progress.js';
import { writeResult } from '../write-result.js';
import { runHostileFuzz } from './fuzz-harness.js';

const SUITE = 'fuzz';

/**
 * Issue 14: a million hostile units over UDP, TCP and HTTP ingest against a real `lagebild start
 * --demo`, with the invariants of `fuzz-harness.ts`, offered at 4,000 units/s. `BENCH_FUZZ_UNITS` and
 * `BENCH_FUZZ_RATE` (0: as fast as TCP lets it) change count and rate;
 * `BENCH_FUZZ_CLASSES` (comma-separated) sends only those classes, together half of the units, with
 * valid lines as the other half, to find out which class breaks what.
 */
export async function runFuzz(): Promise<void> {
  const units = Number(process.env.BENCH_FUZZ_UNITS ?? 1_000_000);
  const only = process.env.BENCH_FUZZ_CLASSES?.split(',').map((name) => name.trim()).filter(Boolean) as HostileClass[] | undefined;
  const unknown = (only ?? []).filter((name) => !HOSTILE_CLASSES.includes(name));
  if (unknown.length > 0) throw new Error(`unknown class(es) ${unknown.join(', ')}; known: ${HOSTILE_CLASSES.join(', ')}`);
  const mix = only ? { classes: only, weights: Object.fromEntries([['valid', 50], ...only.map((name) => [name, 50 / only.length])]) } : { classes: HOSTILE_CLASSES };
  const report = await runHostileFuzz({ units, seed: Number(process.env.BENCH_FUZZ_SEED ?? 14), mix, unitsPerSecond: Number(process.env.BENCH_FUZZ_RATE ?? 4000), quietTimeoutMs: 600_000, progress: (message) => progress(SUITE, message) });
  for (const check of report.invariants) progress(SUITE, `${check.ok ? 'ok    ' : 'FAILED'} ${check.name}: ${check.detail}`);
  writeResult(SUITE, { ...report, met: report.invariants.every((check) => check.ok) });
}
