import type { Alert, RuleLevel, RuleType } from '../domain/alert.js';
import type { DefaultBasis, RulePack } from '../domain/rule-pack.js';

export interface RuleSummary {
  id: string;
  title: string;
  level: RuleLevel;
  type: RuleType;
  enabled: boolean;
  /** The rule set it comes from: Lagebild's own or one of SigmaHQ's release packs. */
  pack: RulePack;
  /** Whether it runs when nobody chose otherwise, and why (a pack's default or the tuning's reason). */
  enabledByDefault: boolean;
  /** What the default rests on, as a stable code for translations; `defaultReason` says it in words. */
  defaultBasis: DefaultBasis;
  defaultReason: string;
  tags: string[];
  description?: string;
  author?: string;
  /** Where the rule was loaded from, relative to the rules directory. */
  path?: string;
}

export interface RuleDetail extends RuleSummary {
  /** The rule as written (YAML). */
  source: string;
}

/** One problem with an uploaded rule; every problem is reported, not only the first. */
export interface RuleProblem {
  message: string;
  line?: number;
  column?: number;
}

type MaybePromise<T> = T | Promise<T>;

/**
 * What the API needs from the detection engine; the composition root implements it, so the API
 * never imports detectors. Unknown ids answer undefined (get) or throw NotFoundError (setEnabled).
 */
export interface RulesCatalog {
  list(): MaybePromise<RuleSummary[]>;
  get(id: string): MaybePromise<RuleDetail | undefined>;
  setEnabled(id: string, enabled: boolean): MaybePromise<RuleSummary>;
  validate(yamlText: string): MaybePromise<RuleProblem[]>;
  /** Runs the rule over the sample events with the service's engine; throws ValidationError for a broken rule. */
  test(yamlText: string, events: unknown[]): MaybePromise<Alert[]>;
}
