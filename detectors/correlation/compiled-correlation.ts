import type { RuleLevel } from '../../core/domain/alert.js';
import type { CountCondition } from './count-condition.js';

export const CORRELATION_TYPES = ['event_count', 'value_count', 'temporal', 'temporal_ordered', 'value_sum', 'value_avg', 'value_percentile'] as const;
export type CorrelationType = (typeof CORRELATION_TYPES)[number];

/** A Sigma correlation rule after validation, with rule references resolved to ids. */
export interface CompiledCorrelation {
  id: string;
  name?: string;
  title: string;
  level: RuleLevel;
  author?: string;
  description?: string;
  references: string[];
  tags: string[];
  type: CorrelationType;
  /** Ids of the referenced rules (Sigma, IOC or other correlations), in the order given. */
  ruleIds: string[];
  groupBy: string[];
  /** group-by name → referenced rule id → the event field that holds the value for that rule. */
  aliases: Map<string, Map<string, string>>;
  timespanMs: number;
  condition: CountCondition;
  /** value_* types only: the field whose values are counted, summed, averaged or ranked. */
  valueField?: string;
  /** Whether the referenced rules still alert on their own. */
  generate: boolean;
  file: string;
  line: number;
}

/** The event field that holds a group-by value for one referenced rule: an alias's field or the name itself. */
export function groupFieldOf(correlation: CompiledCorrelation, name: string, ruleId: string): string {
  return correlation.aliases.get(name)?.get(ruleId) ?? name;
}

/** Whether a correlation groups across organisations: its keys may collect events of several of them. */
export function spansOrganisations(correlation: CompiledCorrelation): boolean {
  return !correlation.groupBy.includes('organization.id');
}

/**
 * The least count that satisfies a monotone condition (gt/gte terms only, see CountCondition): a
 * count below it cannot fire, one at or above it does. Meaningless for the other conditions.
 */
export function firingThreshold(correlation: CompiledCorrelation): number {
  let least = 0;
  for (const { operator, value } of correlation.condition.terms) least = Math.max(least, operator === 'gt' ? Math.floor(value) + 1 : Math.ceil(value));
  return least;
}

/**
 * Whether the condition is decided when a window closes rather than as firings arrive: conditions
 * that a growing count can turn false again (lt, lte, eq, neq), and averages and percentiles, which
 * any later value may move either way. A sum only grows with the non-negative amounts it is meant
 * for (bytes, counts), so `value_sum` with gt/gte is decided as firings arrive, like a count.
 */
export function decidedAtClose(correlation: CompiledCorrelation): boolean {
  return !correlation.condition.monotone || correlation.type === 'value_avg' || correlation.type === 'value_percentile';
}
