import type { CompiledSigmaRule, Logsource, RuleProblem } from './types.js';

/** A compiled filter: its condition, the rules it narrows, and where it names each of them. */
export interface CompiledFilter {
  title: string;
  logsource: Logsource;
  match: CompiledSigmaRule['match'];
  rules: 'any' | { reference: string; at: Pick<RuleProblem, 'file' | 'line' | 'column'> }[];
}

/** Every part the filter's log source names, the rule's names alike (pySigma's `rule.logsource in filter.logsource`). */
function within(rule: Logsource, filter: Logsource): boolean {
  return (['product', 'category', 'service'] as const).every((part) => filter[part] === undefined || filter[part] === rule[part]);
}

/**
 * Narrows rules by the filters that name them (or all rules of their log source): a rule then fires
 * only when its own condition and the filter's hold, as pySigma joins them (`(rule) and (filter)`),
 * so a filter that suppresses is written `condition: not selection`. The rules keep their identity
 * (the index keys their guards by it) and get a new `match`; a guard stays valid, as a filter only
 * ever removes matches. A filter naming a rule that is not loaded is reported and changes nothing.
 */
export function applyFilters(rules: CompiledSigmaRule[], filters: CompiledFilter[], problems: RuleProblem[]): void {
  for (const filter of filters) {
    const targets = new Set<CompiledSigmaRule>();
    if (filter.rules === 'any') {
      for (const rule of rules) if (within(rule.logsource, filter.logsource)) targets.add(rule);
    } else {
      for (const { reference, at } of filter.rules) {
        const named = rules.filter((rule) => (rule.id === reference || rule.name === reference) && within(rule.logsource, filter.logsource));
        if (named.length === 0) problems.push({ ...at, message: `filter "${filter.title}" names rule "${reference}", which is not loaded with this log source; it filters nothing there`, severity: 'warning' });
        for (const rule of named) targets.add(rule);
      }
    }
    for (const rule of targets) {
      const unfiltered = rule.match;
      rule.match = (event) => unfiltered(event) && filter.match(event);
    }
  }
}
