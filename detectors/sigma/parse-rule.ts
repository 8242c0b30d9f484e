import { isMap, isScalar, isSeq, type Document } from 'yaml';
import type { RuleLevel } from '../../core/domain/alert.js';
import { checkAttributes } from './check-attributes.js';
import { ConditionError } from './condition-error.js';
import { parseCondition } from './parse-condition.js';
import { parseSearch } from './parse-detection.js';
import type { ProblemSink } from './problem-sink.js';
import type { ConditionNode, DetectionNode, SigmaRule } from './rule-ast.js';
import type { Logsource, SigmaRuleMeta } from './types.js';

export function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : String(value);
}

function textList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v) => v !== null && v !== undefined).map(String);
  const single = text(value);
  return single === undefined ? [] : [single];
}

export function logsourceOf(value: unknown): Logsource {
  const out: Logsource = {};
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of ['product', 'category', 'service'] as const) {
      const v = text(record[key]);
      if (v) out[key] = v.toLowerCase();
    }
  }
  return out;
}

/**
 * Turns one YAML document of a rule file into a typed Sigma rule. Problems are reported with their
 * YAML path; the rule is returned when its detection parsed, even after an error in another attribute,
 * so that compiling it reports the detection's problems too: the caller leaves out a rule with any error.
 */
export function parseRule(doc: Document, file: string, line: number, report: ProblemSink): SigmaRule | undefined {
  const data = doc.toJS() as Record<string, unknown>;
  let failed = false;
  const error = (path: (string | number)[], message: string, offset?: number): void => {
    failed = true;
    report({ path, message, severity: 'error', ...(offset === undefined ? {} : { offset }) });
  };

  const title = text(data.title);
  if (!title) error([], 'rule has no title');
  const id = text(data.id);
  if (!id) report({ path: [], message: 'rule has no id; one is derived from the file name', severity: 'warning' });
  if (!data.logsource || typeof data.logsource !== 'object') error([], 'rule has no logsource');
  // Only reported: the detection is still parsed and compiled so that every problem shows; the caller leaves the document out.
  checkAttributes(data, 'rule', report);

  const detection = parseDetectionMap(doc, 'detection', ['timeframe'], report);
  if (detection.failed) failed = true;
  if (isMap(doc.get('detection', true)) && doc.hasIn(['detection', 'timeframe'])) {
    report({ path: ['detection', 'timeframe'], message: 'timeframe is ignored (Sigma 1 aggregation); use a correlation rule', severity: 'warning' });
  }
  if (failed) return undefined;

  const meta: SigmaRuleMeta = {
    id: id ?? file,
    ...(text(data.name) ? { name: text(data.name) } : {}),
    title: title!,
    level: (text(data.level) ?? 'medium') as RuleLevel,
    ...(text(data.status) ? { status: text(data.status) } : {}),
    ...(text(data.author) ? { author: text(data.author) } : {}),
    ...(text(data.description) ? { description: text(data.description) } : {}),
    references: textList(data.references),
    tags: textList(data.tags),
    logsource: logsourceOf(data.logsource),
    falsepositives: textList(data.falsepositives),
    file,
  };
  return {
    meta,
    taxonomy: (text(data.taxonomy) ?? 'sigma').toLowerCase(),
    searches: detection.searches,
    conditions: detection.conditions,
    line,
  };
}

/** The search identifiers and conditions of a detection map, and whether any of it was wrong. */
export interface ParsedDetection {
  searches: Map<string, DetectionNode>;
  conditions: ConditionNode[];
  failed: boolean;
}

/**
 * Parses the detection map under `key` (`detection` of a rule, `filter` of a filter document):
 * every entry but `condition` and the `ignored` keys is a search identifier; the condition is one
 * expression or a list of them (OR-linked).
 */
export function parseDetectionMap(doc: Document, key: string, ignored: readonly string[], report: ProblemSink): ParsedDetection {
  const parsed: ParsedDetection = { searches: new Map(), conditions: [], failed: false };
  const error = (path: (string | number)[], message: string, offset?: number): void => {
    parsed.failed = true;
    report({ path, message, severity: 'error', ...(offset === undefined ? {} : { offset }) });
  };
  const detection = doc.get(key, true);
  if (!isMap(detection)) {
    error(detection ? [key] : [], `${key === 'detection' ? 'rule' : 'document'} has no ${key} map`);
    return parsed;
  }
  for (const pair of detection.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (name === 'condition' || ignored.includes(name)) continue;
    const search = parseSearch(pair.value, [key, name], (p) => {
      if (p.severity === 'error') parsed.failed = true;
      report(p);
    });
    if (search) parsed.searches.set(name, search);
  }
  const condition = detection.get('condition', true);
  const sources: { text: string; path: (string | number)[] }[] = [];
  if (isSeq(condition)) condition.items.forEach((c, i) => sources.push({ text: String(isScalar(c) ? c.value : c), path: [key, 'condition', i] }));
  else if (isScalar(condition) && condition.value !== null) sources.push({ text: String(condition.value), path: [key, 'condition'] });
  else error([key], `${key} has no condition`);
  for (const source of sources) {
    try {
      const tree = parseCondition(source.text);
      if (hasAllOfThem(tree)) {
        report({ path: source.path, message: '"all of them" is discouraged: it keeps users from filtering the rule generically; use "all of selection*"', severity: 'warning' });
      }
      parsed.conditions.push(tree);
    } catch (err) {
      if (!(err instanceof ConditionError)) throw err;
      error(source.path, `condition: ${err.message}`, err.offset);
    }
  }
  return parsed;
}

function hasAllOfThem(node: ConditionNode): boolean {
  switch (node.type) {
    case 'of':
      return node.quantifier === 'all' && node.pattern === null;
    case 'not':
      return hasAllOfThem(node.child);
    case 'ref':
      return false;
    default:
      return node.children.some(hasAllOfThem);
  }
}
