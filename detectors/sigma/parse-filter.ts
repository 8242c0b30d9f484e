import { isScalar, isSeq, type Document } from 'yaml';
import { checkAttributes } from './check-attributes.js';
import { logsourceOf, parseDetectionMap, text } from './parse-rule.js';
import type { ProblemSink } from './problem-sink.js';
import type { SigmaRule, YamlPath } from './rule-ast.js';

/** A rule a filter names, by id or name, with where the filter names it. */
export interface FilterReference {
  reference: string;
  path: YamlPath;
}

/**
 * A Sigma filter document (meta filter): a detection that narrows other rules. `rules` is "any"
 * for every rule of the filter's log source, else the rules it names. `detection` is the filter's
 * own detection as a rule, so that it compiles like one.
 */
export interface SigmaFilterDocument {
  rules: 'any' | FilterReference[];
  detection: SigmaRule;
}

/**
 * Parses a filter document (Sigma filters specification 2.1): `title`, `logsource` and a `filter`
 * map with `rules` (a rule id or name, a list of them, or "any"/"all"), search identifiers and one
 * condition. Problems are reported with their YAML path; nothing is returned when the filter's own
 * parts are wrong, and the caller leaves out a filter with any error (such as an attribute's).
 */
export function parseFilter(doc: Document, file: string, line: number, report: ProblemSink): SigmaFilterDocument | undefined {
  const data = doc.toJS() as Record<string, unknown>;
  let failed = false;
  const error = (path: YamlPath, message: string): void => {
    failed = true;
    report({ path, message, severity: 'error' });
  };
  const title = text(data.title);
  if (!title) error([], 'filter has no title');
  if (!data.logsource || typeof data.logsource !== 'object') error([], 'filter has no logsource');
  // Only reported: the detection is still parsed and compiled so that every problem shows; the caller leaves the document out.
  checkAttributes(data, 'filter', report);

  const rules = doc.getIn(['filter', 'rules'], true);
  let references: SigmaFilterDocument['rules'] = [];
  if (isScalar(rules) && typeof rules.value === 'string') {
    references = ['any', 'all'].includes(rules.value.toLowerCase()) ? 'any' : [{ reference: rules.value, path: ['filter', 'rules'] }];
  } else if (isSeq(rules)) {
    rules.items.forEach((item, index) => {
      if (isScalar(item) && item.value !== null && typeof item.value !== 'object') (references as FilterReference[]).push({ reference: String(item.value), path: ['filter', 'rules', index] });
      else error(['filter', 'rules', index], 'a filter rule reference must be a rule id or name');
    });
    if (rules.items.length === 0) error(['filter', 'rules'], 'filter rules is empty: name rule ids or names, or "any"');
  } else if (doc.hasIn(['filter'])) {
    error(rules ? ['filter', 'rules'] : ['filter'], 'filter has no rules: name rule ids or names, or "any"');
  }
  // The filters specification makes `selection` mandatory, whatever other search identifiers the filter has.
  if (doc.hasIn(['filter']) && !doc.hasIn(['filter', 'selection'])) error(['filter'], 'filter has no selection');
  const condition = doc.getIn(['filter', 'condition'], true);
  if (isSeq(condition)) error(['filter', 'condition'], 'a filter has exactly one condition');

  const detection = parseDetectionMap(doc, 'filter', ['rules'], report);
  if (detection.failed || failed) return undefined;
  const id = text(data.id) ?? file;
  return {
    rules: references,
    detection: {
      meta: { id, title: title!, level: 'informational', references: [], tags: [], logsource: logsourceOf(data.logsource), falsepositives: [], file },
      taxonomy: (text(data.taxonomy) ?? 'sigma').toLowerCase(),
      searches: detection.searches,
      conditions: detection.conditions,
      line,
    },
  };
}
