import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import type { Alert, RuleLevel, RuleType } from '../core/domain/alert.js';
import type { RuleDetail, RuleProblem, RulesCatalog, RuleSummary } from '../core/ports/rules-catalog.js';
import type { EcsEvent } from '../core/domain/ecs.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import type { DetectionEngine } from './detection-engine.js';
import { RuleDefaults } from './rule-packs/rule-defaults.js';
import { NO_TUNING } from './rule-packs/sigmahq-tuning.js';
import { readRuleState, ruleStateFile, writeRuleState, type RuleState } from './rule-state-file.js';
import { RuleTooComplexError } from './rule-too-complex-error.js';
import type { RuleTrialRequest, RuleTrialResult } from './rule-trial.js';
import { RuleTrialThread, type RuleTrialLimits } from './rule-trial-thread.js';
import type { RuleProblem as LoadProblem } from './sigma/types.js';

export interface EngineRulesCatalogOptions {
  engine: DetectionEngine;
  /** Each rule's pack and default, as DetectionEngine.load found them; without it every rule counts as Lagebild's own. */
  defaults?: RuleDefaults;
  rulesDir: string;
  /** Where `rule-state.json` keeps the operator's choices across restarts; without it they are kept in memory only. */
  dataDir?: string;
  /** Bounds of validating or testing an upload; the defaults suit 10,000 sample events. */
  trialLimits?: RuleTrialLimits;
}

/** A rule as listed, without its switch, and the file it came from. */
interface CatalogEntry {
  id: string;
  rule: Omit<RuleSummary, 'enabled' | 'pack' | 'enabledByDefault' | 'defaultBasis' | 'defaultReason'>;
  file: string;
}

const UPLOAD_NAME = 'upload.yml';
const DEFAULT_TRIAL_LIMITS: RuleTrialLimits = { timeoutMs: 10_000, maxHeapMb: 256 };

/**
 * The rules of a live detection engine as the API sees them: listing with each rule's pack and
 * default, the source of each rule, switching rules on and off (remembered in
 * `<dataDir>/rule-state.json`), and checking or trying
 * out an uploaded rule on an engine of its own, so that a test never touches the live state.
 */
export class EngineRulesCatalog implements RulesCatalog {
  private readonly engine: DetectionEngine;
  private readonly rulesDir: string;
  private readonly stateFile: string | undefined;
  private readonly defaults: RuleDefaults;
  /** The operator's choices as persisted, including those of rules not loaded now (a broken rule stays off once fixed). */
  private readonly choices: { enabled: Set<string>; disabled: Set<string> };
  private readonly trials: RuleTrialThread;
  private saving: Promise<void> = Promise.resolve();

  private constructor(options: EngineRulesCatalogOptions, state: RuleState) {
    this.engine = options.engine;
    this.defaults = options.defaults ?? new RuleDefaults([], NO_TUNING);
    this.rulesDir = resolve(options.rulesDir);
    this.stateFile = options.dataDir === undefined ? undefined : ruleStateFile(options.dataDir);
    this.choices = { enabled: new Set(state.enabled), disabled: new Set(state.disabled) };
    this.trials = new RuleTrialThread(options.trialLimits ?? DEFAULT_TRIAL_LIMITS);
  }

  /** Opens the catalog and applies the operator's persisted choices to the engine. */
  static async open(options: EngineRulesCatalogOptions): Promise<EngineRulesCatalog> {
    const state = options.dataDir === undefined ? { enabled: [], disabled: [] } : await readRuleState(ruleStateFile(options.dataDir));
    for (const id of state.enabled) options.engine.setEnabled(id, true);
    for (const id of state.disabled) options.engine.setEnabled(id, false);
    return new EngineRulesCatalog(options, state);
  }

  list(): RuleSummary[] {
    return this.entries().map((entry) => this.summary(entry));
  }

  async get(id: string): Promise<RuleDetail | undefined> {
    const entry = this.entries().find((candidate) => candidate.id === id);
    if (!entry) return undefined;
    return { ...this.summary(entry), source: await readFile(entry.file, 'utf8') };
  }

  async setEnabled(id: string, enabled: boolean): Promise<RuleSummary> {
    const entry = this.entries().find((candidate) => candidate.id === id);
    if (!entry) throw new NotFoundError(`rule ${id}`);
    this.engine.setEnabled(id, enabled);
    this.choices[enabled ? 'enabled' : 'disabled'].add(id);
    this.choices[enabled ? 'disabled' : 'enabled'].delete(id);
    await this.persist();
    return this.summary(entry);
  }

  /** Every error in the text, with line and column; warnings (such as a missing id) do not make a rule invalid. */
  async validate(yamlText: string): Promise<RuleProblem[]> {
    const { sigmaRules, correlations, iocLists } = this.engine.rules();
    const known = [...sigmaRules, ...correlations, ...iocLists].map((rule) => ({ id: rule.id, ...('name' in rule && rule.name ? { name: rule.name } : {}) }));
    const { problems } = await this.trial({ yamlText, fileName: UPLOAD_NAME, known, options: this.engine.options });
    return errorsOf(problems);
  }

  /**
   * Runs the rules of the text (a Sigma rule, or several documents: rules and the correlations over
   * them) over the sample events in event-time order as given, on a fresh engine, and returns every
   * alert including those decided at the end of the input. Only the rules of the text exist there,
   * so a correlation naming a live rule is an error.
   */
  async test(yamlText: string, events: unknown[]): Promise<Alert[]> {
    const samples = events.map((event, index) => {
      if (event === null || typeof event !== 'object' || Array.isArray(event)) throw new ValidationError(`event ${index + 1} is not a JSON object`);
      return event as EcsEvent;
    });
    const { problems, alerts } = await this.trial({ yamlText, fileName: UPLOAD_NAME, known: [], options: this.engine.options, events: samples });
    const errors = errorsOf(problems);
    if (errors.length > 0) throw new ValidationError('the rule has errors', { problems: errors });
    return alerts ?? [];
  }

  /** An uploaded text is parsed and run in a worker with a deadline; one that hits a parser limit is refused as a whole. */
  private async trial(request: RuleTrialRequest): Promise<RuleTrialResult> {
    const result = await this.trials.run(request);
    const limits = result.problems.filter((problem) => problem.limit);
    if (limits.length > 0) throw new RuleTooComplexError('the rule text exceeds the limits of the rule parser', limits.map(toProblem));
    return result;
  }

  private entries(): CatalogEntry[] {
    const { sigmaRules, correlations, iocLists } = this.engine.rules();
    const common = (rule: { id: string; title: string; level: RuleLevel; tags: readonly string[]; author?: string; description?: string; file: string }, type: RuleType): CatalogEntry => ({
      id: rule.id,
      rule: {
        id: rule.id,
        title: rule.title,
        level: rule.level,
        type,
        tags: [...rule.tags],
        ...(rule.description ? { description: rule.description } : {}),
        ...(rule.author ? { author: rule.author } : {}),
        path: relative(this.rulesDir, resolve(rule.file)),
      },
      file: rule.file,
    });
    return [...sigmaRules.map((rule) => common(rule, 'sigma')), ...correlations.map((rule) => common(rule, 'correlation')), ...iocLists.map((list) => common(list, 'ioc'))];
  }

  private summary(entry: CatalogEntry): RuleSummary {
    const { pack, enabled, basis, reason } = this.defaults.of(entry.id);
    return { ...entry.rule, enabled: this.engine.isEnabled(entry.id), pack, enabledByDefault: enabled, defaultBasis: basis, defaultReason: reason };
  }

  /** One write at a time, so the file always ends with the last choice. */
  private persist(): Promise<void> {
    const file = this.stateFile;
    if (!file) return Promise.resolve();
    const state: RuleState = { enabled: [...this.choices.enabled].sort(), disabled: [...this.choices.disabled].sort() };
    this.saving = this.saving.catch(() => undefined).then(() => writeRuleState(file, state));
    return this.saving;
  }
}

function errorsOf(problems: LoadProblem[]): RuleProblem[] {
  return problems.filter((problem) => problem.severity === 'error').map(toProblem);
}

function toProblem(problem: LoadProblem): RuleProblem {
  return { message: problem.message, line: problem.line, column: problem.column };
}
