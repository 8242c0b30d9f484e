import { buildItemMatcher, type EventTest, type ItemMatcher } from './build-item-matcher.js';
import type { FieldCache } from './field-cache.js';
import { allValues } from './field-values.js';
import { candidatesKey, fieldMapperFor } from './field-mapping.js';
import { keywordText } from './keyword-text.js';
import { contains } from './modifiers/contains.js';
import { ModifierError, type ItemState, type Modifier, type ModifierValue } from './modifiers/modifier.js';
import { MODIFIERS } from './modifiers/registry.js';
import type { ProblemSink } from './problem-sink.js';
import type { ConditionNode, DetectionItem, DetectionNode, RawValue, SigmaRule } from './rule-ast.js';
import { allGuard, anyGuard, itemGuard, RULE_GUARDS } from './rule-guard.js';
import { SigmaString } from './sigma-string.js';
import type { CompiledSigmaRule } from './types.js';

export interface CompileOptions {
  /** Shared by every rule compiled for one engine so each event field is read once per event. */
  cache: FieldCache;
  placeholders: Readonly<Record<string, readonly string[]>>;
}

const KEYWORDS = '\u0000keywords';

/** Keyword searches without a modifier look for the value anywhere in the text. */
const POSITIONAL = new Set(['contains', 'startswith', 'endswith', 're', 'cidr', 'exists', 'lt', 'lte', 'gt', 'gte', 'fieldref']);

function initialValue(raw: RawValue, verbatim: boolean, placeholders: boolean): ModifierValue {
  switch (raw.kind) {
    case 'null':
      return null;
    case 'boolean':
      return raw.value;
    case 'number':
      return SigmaString.literal(raw.text);
    default:
      return verbatim ? SigmaString.literal(raw.text) : SigmaString.parse(raw.text, placeholders);
  }
}

// Indexed loops rather than every()/some(): those would allocate a closure per event.
function allOf(tests: EventTest[]): EventTest {
  return (e) => {
    for (let i = 0; i < tests.length; i++) if (!tests[i]!(e)) return false;
    return true;
  };
}

function anyOf(tests: EventTest[]): EventTest {
  return (e) => {
    for (let i = 0; i < tests.length; i++) if (tests[i]!(e)) return true;
    return false;
  };
}

function matchesPattern(name: string, pattern: string): boolean {
  if (!pattern.includes('*')) return name === pattern;
  const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${source}$`).test(name);
}

/**
 * Compiles a typed rule into a `CompiledSigmaRule` whose `match` is a tree of closures. Returns
 * undefined (after reporting why) when any part cannot be compiled.
 */
export function compileRule(rule: SigmaRule, options: CompileOptions, report: ProblemSink): CompiledSigmaRule | undefined {
  const { cache } = options;
  const mapField = fieldMapperFor(rule.meta.logsource, rule.taxonomy);
  const view = cache.view.bind(cache);
  const fieldKey = (field: string | null): string => (field === null ? KEYWORDS : candidatesKey(mapField(field)));
  const fieldSlot = (field: string): number => cache.slot(fieldKey(field), () => allValues(mapField(field)));
  let failed = false;

  const compileItem = (item: DetectionItem): ItemMatcher | undefined => {
    const modifiers: Modifier[] = [];
    for (const name of item.modifiers) {
      const modifier = MODIFIERS.get(name);
      if (!modifier) {
        report({ path: item.path, message: `unknown modifier "${name}"`, severity: 'error' });
        return undefined;
      }
      modifiers.push(modifier);
    }
    if (item.field === null && !item.modifiers.some((m) => POSITIONAL.has(m))) modifiers.unshift(contains);
    const verbatim = modifiers.some((m) => m.rawValues);
    const placeholders = item.modifiers.includes('expand');
    const state: ItemState = {
      values: item.values.map((raw) => [initialValue(raw, verbatim, placeholders)]),
      linking: 'or',
      matcher: 'string',
      cased: false,
      negated: false,
      binary: false,
      regexFlags: '',
      keyword: item.field === null,
    };
    try {
      for (const modifier of modifiers) {
        modifier.apply(state, {
          placeholders: options.placeholders,
          warn: (message) => report({ path: item.path, message, severity: 'warning' }),
        });
      }
      const slot = item.field === null ? cache.slot(KEYWORDS, () => keywordText) : fieldSlot(item.field);
      const matcher = buildItemMatcher(state, slot, { view, fieldSlot });
      // Keyed by the paths read, not the slot, so rules compiled with different caches share a scan.
      const guard = itemGuard(state, fieldKey(item.field), cache.accessor(slot));
      return guard ? { ...matcher, guard } : matcher;
    } catch (err) {
      if (!(err instanceof ModifierError)) throw err;
      report({ path: item.path, message: err.message, severity: 'error' });
      return undefined;
    }
  };

  const compileNode = (node: DetectionNode): ItemMatcher | undefined => {
    if (node.type === 'item') return compileItem(node);
    const children = node.children.map(compileNode);
    if (children.some((c) => c === undefined)) return undefined;
    const compiled = (children as ItemMatcher[]).sort((a, b) => a.cost - b.cost);
    const cost = compiled.reduce((sum, c) => sum + c.cost, 0);
    if (compiled.length === 1) return compiled[0];
    const tests = compiled.map((c) => c.test);
    const guard = (node.type === 'and' ? allGuard : anyGuard)(compiled.map((c) => c.guard));
    const test = node.type === 'and' ? allOf(tests) : anyOf(tests);
    return guard ? { test, cost, guard } : { test, cost };
  };

  const searches = new Map<string, ItemMatcher>();
  for (const [name, node] of rule.searches) {
    const compiled = compileNode(node);
    if (compiled) searches.set(name, compiled);
    else failed = true;
  }
  if (failed) return undefined;

  const combine = (type: 'and' | 'or', parts: ItemMatcher[]): ItemMatcher => {
    const tests = parts.map((p) => p.test);
    const guard = (type === 'and' ? allGuard : anyGuard)(parts.map((p) => p.guard));
    const test = type === 'and' ? allOf(tests) : anyOf(tests);
    return parts.length === 1 ? parts[0]! : guard ? { test, cost: 0, guard } : { test, cost: 0 };
  };
  const compileCondition = (node: ConditionNode, index: number): ItemMatcher | undefined => {
    const path = rule.conditions.length > 1 ? ['detection', 'condition', index] : ['detection', 'condition'];
    switch (node.type) {
      case 'ref': {
        const search = searches.get(node.name);
        if (!search) report({ path, message: `condition refers to unknown search identifier "${node.name}"`, severity: 'error' });
        return search;
      }
      case 'of': {
        const names = [...searches.keys()].filter((name) => (node.pattern === null ? !name.startsWith('_') : matchesPattern(name, node.pattern)));
        if (names.length === 0) {
          report({ path, message: `"${node.pattern ?? 'them'}" matches no search identifier`, severity: 'error' });
          return undefined;
        }
        return combine(node.quantifier === 'all' ? 'and' : 'or', names.map((name) => searches.get(name)!));
      }
      case 'not': {
        const child = compileCondition(node.child, index);
        return child && { test: (e) => !child.test(e), cost: 0 };
      }
      default: {
        const children = node.children.map((c) => compileCondition(c, index));
        if (children.some((c) => c === undefined)) return undefined;
        return combine(node.type, children as ItemMatcher[]);
      }
    }
  };
  const conditions = rule.conditions.map(compileCondition);
  if (conditions.some((c) => c === undefined)) return undefined;
  const top = combine('or', conditions as ItemMatcher[]);
  const compiled: CompiledSigmaRule = { ...rule.meta, taxonomy: rule.taxonomy, match: top.test };
  if (top.guard) RULE_GUARDS.set(compiled, top.guard);
  return compiled;
}
