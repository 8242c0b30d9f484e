import { isMap, isScalar, isSeq, type Document } from 'yaml';
import type { RuleLevel } from '../../core/domain/alert.js';
import { LEVEL_ORDER } from '../../core/domain/alert.js';
import { ConditionError } from './conditionError.js';
import { parseCondition } from './parseCondition.js';
import { parseSearch } from './parseDetection.js';
import type { ProblemSink } from './problemSink.js';
import type { ConditionNode, DetectionNode, SigmaRule } from './ruleAst.js';
import type { Logsource, SigmaRuleMeta } from './types.js';

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : String(value);
}

function textList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v) => v !== null && v !== undefined).map(String);
  const single = text(value);
  return single === undefined ? [] : [single];
}

function logsourceOf(value: unknown): Logsource {
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
 * YAML path; the rule is returned only when it has no errors.
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
  let level: RuleLevel = 'medium';
  const rawLevel = text(data.level);
  if (rawLevel !== undefined) {
    if ((LEVEL_ORDER as readonly string[]).includes(rawLevel)) level = rawLevel as RuleLevel;
    else report({ path: ['level'], message: `unknown level "${rawLevel}"; using medium`, severity: 'warning' });
  }
  if (!data.logsource || typeof data.logsource !== 'object') error([], 'rule has no logsource');

  const detection = doc.get('detection', true);
  const searches = new Map<string, DetectionNode>();
  const conditions: ConditionNode[] = [];
  if (!isMap(detection)) {
    error(detection ? ['detection'] : [], 'rule has no detection map');
  } else {
    for (const pair of detection.items) {
      const name = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (name === 'condition' || name === 'timeframe') continue;
      const search = parseSearch(pair.value, ['detection', name], (p) => {
        if (p.severity === 'error') failed = true;
        report(p);
      });
      if (search) searches.set(name, search);
    }
    const condition = detection.get('condition', true);
    const sources: { text: string; path: (string | number)[] }[] = [];
    if (isSeq(condition)) condition.items.forEach((c, i) => sources.push({ text: String(isScalar(c) ? c.value : c), path: ['detection', 'condition', i] }));
    else if (isScalar(condition) && condition.value !== null) sources.push({ text: String(condition.value), path: ['detection', 'condition'] });
    else error(['detection'], 'detection has no condition');
    if (detection.has('timeframe')) report({ path: ['detection', 'timeframe'], message: 'timeframe is ignored (Sigma 1 aggregation); use a correlation rule', severity: 'warning' });
    for (const source of sources) {
      try {
        conditions.push(parseCondition(source.text));
      } catch (err) {
        if (!(err instanceof ConditionError)) throw err;
        error(source.path, `condition: ${err.message}`, err.offset);
      }
    }
  }
  if (failed) return undefined;

  const meta: SigmaRuleMeta = {
    id: id ?? file,
    ...(text(data.name) ? { name: text(data.name) } : {}),
    title: title!,
    level,
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
    searches,
    conditions,
    line,
  };
}
