import { LEVEL_ORDER } from '../../core/domain/alert.js';
import type { ProblemSink } from './problem-sink.js';

/**
 * The attributes of a rule or filter document besides its detection, checked against the Sigma 2.1
 * JSON schemas (sigma-detection-rule-schema.json, sigma-filters-schema.json): what a schema requires
 * is an error, what it or the specification only recommends (a UUID as id, lower-case log source
 * values) a warning. Attributes the specification does not name are custom attributes, which it
 * allows. Whether `title`, `logsource` and the detection are there is checked where they are parsed.
 */
export function checkAttributes(data: Record<string, unknown>, kind: 'rule' | 'filter', report: ProblemSink): void {
  const error = (key: string, message: string, index?: number): void =>
    report({ path: index === undefined ? [key] : [key, index], message, severity: 'error' });
  const warn = (key: string, message: string): void => report({ path: [key], message, severity: 'warning' });

  checkString(data, 'title', 256, error);
  if (present(data.id)) {
    if (typeof data.id !== 'string') error('id', 'id must be a string');
    else if (!UUID.test(data.id)) warn('id', `id "${data.id}" is not a UUID; the specification recommends a random UUID (version 4)`);
  }
  checkString(data, 'description', 65_535, error);
  checkString(data, 'taxonomy', 256, error);
  for (const key of ['date', 'modified']) {
    if (present(data[key]) && !(typeof data[key] === 'string' && DATE.test(data[key]))) error(key, `${key} must be a date written YYYY-MM-DD`);
  }
  checkLogsource(data.logsource, kind, report);
  if (kind === 'filter') return;

  checkString(data, 'name', 256, error);
  checkString(data, 'license', undefined, error);
  checkString(data, 'author', undefined, error);
  checkEnum(data, 'status', STATUSES, error);
  checkEnum(data, 'level', LEVEL_ORDER, error);
  checkList(data, 'references', { unique: true }, error);
  checkList(data, 'fields', { unique: true }, error);
  checkList(data, 'falsepositives', { unique: true, minLength: 2 }, error);
  checkList(data, 'scope', { minLength: 2 }, error);
  checkList(data, 'tags', { unique: true, pattern: TAG }, error);
  checkRelated(data.related, error);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$/;
/** Namespaced tags of lower-case letters, digits, `_` and `-` (the schema's pattern). */
const TAG = /^[a-z0-9_-]+\.[a-z0-9._-]+$/;
const STATUSES = ['stable', 'test', 'experimental', 'deprecated', 'unsupported'];
const RELATION_TYPES = ['derived', 'obsolete', 'merged', 'renamed', 'similar'];
/** The rules specification: log source values are lower case, `_` for spaces, `.` and `-` allowed. */
const LOGSOURCE_VALUE = /^[a-z0-9_.-]+$/;

type ErrorAt = (key: string, message: string, index?: number) => void;

function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function checkString(data: Record<string, unknown>, key: string, maxLength: number | undefined, error: ErrorAt): void {
  const value = data[key];
  if (!present(value)) return;
  if (typeof value !== 'string') error(key, `${key} must be a string`);
  else if (maxLength !== undefined && value.length > maxLength) error(key, `${key} is longer than ${maxLength} characters`);
}

function checkEnum(data: Record<string, unknown>, key: string, allowed: readonly string[], error: ErrorAt): void {
  const value = data[key];
  if (present(value) && !allowed.includes(value as string)) error(key, `${key} "${String(value)}" is not one of ${allowed.join(', ')}`);
}

function checkList(data: Record<string, unknown>, key: string, rules: { unique?: boolean; minLength?: number; pattern?: RegExp }, error: ErrorAt): void {
  const value = data[key];
  if (!present(value)) return;
  if (!Array.isArray(value)) {
    error(key, `${key} must be a list`);
    return;
  }
  const seen = new Set<string>();
  value.forEach((element, index) => {
    if (typeof element !== 'string') return error(key, `${key} must hold strings`, index);
    if (rules.minLength !== undefined && element.length < rules.minLength) error(key, `an entry of ${key} must have at least ${rules.minLength} characters`, index);
    if (rules.pattern && !rules.pattern.test(element)) error(key, `${key} entry "${element}" is not namespaced lower-case text (such as attack.t1059.001)`, index);
    if (rules.unique && seen.has(element)) error(key, `${key} lists "${element}" twice`, index);
    seen.add(element);
  });
}

function checkLogsource(logsource: unknown, kind: 'rule' | 'filter', report: ProblemSink): void {
  if (!logsource || typeof logsource !== 'object' || Array.isArray(logsource)) return;
  const parts = kind === 'rule' ? ['category', 'product', 'service', 'definition'] : ['category', 'product', 'service'];
  for (const [key, value] of Object.entries(logsource)) {
    if (!parts.includes(key) || !present(value)) continue;
    if (typeof value !== 'string') report({ path: ['logsource', key], message: `logsource ${key} must be a string`, severity: 'error' });
    else if (key !== 'definition' && !LOGSOURCE_VALUE.test(value)) {
      report({ path: ['logsource', key], message: `logsource ${key} "${value}" should be lower case with "_" for spaces`, severity: 'warning' });
    }
  }
}

function checkRelated(related: unknown, error: ErrorAt): void {
  if (!present(related)) return;
  if (!Array.isArray(related)) return error('related', 'related must be a list of {id, type}');
  related.forEach((entry: unknown, index) => {
    const relation = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>) : {};
    if (typeof relation.id !== 'string') error('related', 'a related entry needs the id of a rule', index);
    if (!RELATION_TYPES.includes(relation.type as string)) error('related', `a related entry needs a type: one of ${RELATION_TYPES.join(', ')}`, index);
  });
}
