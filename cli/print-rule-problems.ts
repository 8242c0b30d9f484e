import type { RuleProblem } from '../detectors/sigma/types.js';

/** Prints every problem as `file:line:column: severity: message`; true when any is an error. */
export function printRuleProblems(problems: RuleProblem[]): boolean {
  for (const problem of problems) process.stderr.write(`${problem.file}:${problem.line}:${problem.column}: ${problem.severity}: ${problem.message}\n`);
  return problems.some((problem) => problem.severity === 'error');
}
