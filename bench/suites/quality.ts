import { progress } from '../progress.js';
import { writeResult } from '../write-result.js';
import { measureQuality } from './measure-quality.js';

const SUITE = 'quality';

/** Detection quality on a day of 100 municipalities delivered late and out of order (see measureQuality). */
export async function runQuality(): Promise<void> {
  const { figures, queues, intrusions, targets, scenarios, lateAttacks, noise } = await measureQuality(
    { organisations: 100, linesPerOrganisation: 4000, startMs: Date.UTC(2025, 2, 10), durationMs: 24 * 3_600_000, attacksPerScenario: 10, seed: 42, measureNoise: true },
    (message) => progress(SUITE, message),
  );
  writeResult(SUITE, { ...figures, targets, queues, intrusions, scenarios, attacksHeldBeyondLateness: lateAttacks, ruleNoise: noise });
}
