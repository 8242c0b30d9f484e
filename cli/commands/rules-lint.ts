import { DetectionEngine } from '../../detectors/detection-engine.js';
import { CliUsageError } from '../cli-usage-error.js';
import { printRuleProblems } from '../print-rule-problems.js';

/** `lagebild rules lint PATH`: every problem of every rule, not only the first; exit 2 on errors. */
export async function runRulesLint(args: string[]): Promise<number> {
  const path = args[0];
  if (!path) throw new CliUsageError('rules lint needs a PATH');
  const { problems } = await DetectionEngine.load(path);
  const failed = printRuleProblems(problems);
  if (!failed) process.stderr.write(`${path}: no errors (${problems.length} warnings)\n`);
  return failed ? 2 : 0;
}
