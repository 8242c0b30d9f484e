import type { Alert } from '../core/domain/alert.js';
import type { EcsEvent } from '../core/domain/ecs.js';
import { compileCorrelations, type ReferenceableRule } from './correlation/compile-correlations.js';
import { DetectionEngine, type DetectionEngineOptions } from './detection-engine.js';
import { loadRuleText } from './sigma/load-rules.js';
import type { RuleProblem } from './sigma/types.js';

/** An uploaded rule text to check, and to run over sample events when `events` is given. */
export interface RuleTrialRequest {
  yamlText: string;
  fileName: string;
  /** Rules that correlations of the text may reference besides its own (the live ones, for validation). */
  known: ReferenceableRule[];
  options: DetectionEngineOptions;
  events?: EcsEvent[];
}

/** Every problem of the text; the alerts only when it was run (events given and no errors). */
export interface RuleTrialResult {
  problems: RuleProblem[];
  alerts?: Alert[];
}

/**
 * Compiles an uploaded text (Sigma rules and correlations over them) and, when asked and it has no
 * errors, runs it over the events in the order given on a fresh engine, returning every alert
 * including those decided at the end of the input. Plain data in and out, so it can run in a worker.
 */
export function runRuleTrial(request: RuleTrialRequest): RuleTrialResult {
  const { fileName } = request;
  const loaded = loadRuleText(request.yamlText, fileName, request.options.placeholders ? { placeholders: request.options.placeholders } : {});
  const problems: RuleProblem[] = [...loaded.problems];
  if (loaded.rules.length === 0 && loaded.correlations.length === 0 && problems.every((problem) => problem.severity !== 'error')) {
    problems.push({ file: fileName, line: 1, column: 1, message: 'the text holds no rule', severity: 'error' });
  }
  const known = [...request.known, ...loaded.rules.map((rule) => ({ id: rule.id, ...(rule.name ? { name: rule.name } : {}) }))];
  const correlations = compileCorrelations(loaded.correlations, known);
  problems.push(...correlations.problems);
  if (request.events === undefined || problems.some((problem) => problem.severity === 'error')) return { problems };
  const engine = new DetectionEngine({ sigmaRules: loaded.rules, correlations: correlations.correlations, iocLists: [], options: request.options });
  const alerts = [...request.events.flatMap((event) => engine.process(event)), ...engine.flush()];
  return { problems, alerts };
}
