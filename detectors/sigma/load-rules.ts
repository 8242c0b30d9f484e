import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LineCounter, parseAllDocuments, isNode, isScalar, type Document } from 'yaml';
import { applyFilters, type CompiledFilter } from './apply-filters.js';
import { compileRule } from './compile-rule.js';
import { FieldCache } from './field-cache.js';
import { parseFilter } from './parse-filter.js';
import { parseRule } from './parse-rule.js';
import type { PathProblem } from './problem-sink.js';
import type { CompiledSigmaRule, RawCorrelationDoc, RuleProblem } from './types.js';

export interface LoadRulesOptions {
  /** Values for `expand` placeholders, e.g. groups of hosts or organisations of the constituency. */
  placeholders?: Record<string, string[]>;
}

export interface LoadedRules {
  rules: CompiledSigmaRule[];
  correlations: RawCorrelationDoc[];
  problems: RuleProblem[];
}

/**
 * How many nodes aliases may expand to in one document (yaml's `maxAliasCount`): Sigma rules hardly
 * use aliases, and a few nested ones ("billion laughs") otherwise expand to gigabytes.
 */
const MAX_ALIAS_EXPANSION = 100;

/** Rule files are a few kilobytes (SigmaHQ's largest is about 30 KB); a bigger one is a mistake or an attack on the parser. */
const MAX_RULE_FILE_BYTES = 1024 * 1024;

/** How many rule files are read at once. */
const READ_AHEAD = 64;

/** The file's text, or undefined when it is too large to be a rule. */
async function readRuleFile(file: string): Promise<string | undefined> {
  if ((await stat(file)).size > MAX_RULE_FILE_BYTES) return undefined;
  return readFile(file, 'utf8');
}

function isRuleFile(name: string): boolean {
  return /\.ya?ml$/i.test(name) && !/\.test\.ya?ml$/i.test(name);
}

async function ruleFiles(path: string): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      // Hidden folders are not rules: `rules update` stages a release in one before swapping it in.
      .filter((e) => !e.name.startsWith('.') && (e.isDirectory() || (e.isFile() && isRuleFile(e.name))))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((e) => (e.isDirectory() ? ruleFiles(join(path, e.name)) : Promise.resolve([join(path, e.name)]))),
  );
  return nested.flat();
}

/** Line and column (1-based) of the node at `path`, or of its closest existing parent. */
function locate(doc: Document, lines: LineCounter, problem: Pick<PathProblem, 'path' | 'offset'>): { line: number; column: number } {
  for (let depth = problem.path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(problem.path.slice(0, depth), true);
    if (isNode(node) && node.range) {
      const exact = depth === problem.path.length;
      let offset = node.range[0];
      if (exact && problem.offset !== undefined) {
        const quoted = isScalar(node) && (node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE');
        offset += problem.offset + (quoted ? 1 : 0);
      }
      const pos = lines.linePos(offset);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: 1, column: 1 };
}

/**
 * Loads every Sigma rule file under the given files or directories (`*.yml`/`*.yaml`, not
 * `*.test.yml`), compiles the detection rules, applies the filter documents to the rules they name
 * (wherever the filter stands), hands correlation documents back unparsed, and collects every
 * problem with its `file:line:column` instead of stopping at the first.
 */
export async function loadRules(paths: string[], options: LoadRulesOptions = {}): Promise<LoadedRules> {
  const result: LoadedRules = { rules: [], correlations: [], problems: [] };
  const filters: CompiledFilter[] = [];
  const cache = new FieldCache();
  const seen: SeenNames = new Map();
  const files = (await Promise.all(paths.map(ruleFiles))).flat();
  // Read ahead in parallel and compile in order: one file at a time leaves the CPU idle for half
  // of a SigmaHQ-sized load, waiting on the file system.
  for (let start = 0; start < files.length; start += READ_AHEAD) {
    const texts = await Promise.all(files.slice(start, start + READ_AHEAD).map(readRuleFile));
    for (const [offset, text] of texts.entries()) {
      const file = files[start + offset]!;
      if (text === undefined) result.problems.push({ file, line: 1, column: 1, message: `file is larger than ${MAX_RULE_FILE_BYTES / 1024 / 1024} MiB; skipped`, severity: 'error', limit: true });
      else addRuleText(result, filters, text, file, options, cache, seen);
    }
  }
  applyFilters(result.rules, filters, result.problems);
  return result;
}

/** Loads the rules of one YAML text as if it were the file `fileName` (an upload to validate or test). */
export function loadRuleText(text: string, fileName: string, options: LoadRulesOptions = {}): LoadedRules {
  const result: LoadedRules = { rules: [], correlations: [], problems: [] };
  const filters: CompiledFilter[] = [];
  addRuleText(result, filters, text, fileName, options, new FieldCache(), new Map());
  applyFilters(result.rules, filters, result.problems);
  return result;
}

/** Where a rule's `id` or `name` was first written ("file:line"), keyed by "id " or "name " and the value. */
type SeenNames = Map<string, string>;

function addRuleText(result: LoadedRules, filters: CompiledFilter[], text: string, file: string, options: LoadRulesOptions, cache: FieldCache, seen: SeenNames): void {
  const placeholders = options.placeholders ?? {};
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  const documents = Array.isArray(docs) ? docs : [];
  if (!Array.isArray(docs)) result.problems.push({ file, line: 1, column: 1, message: 'not a YAML document stream', severity: 'error' });
  for (const doc of documents) {
    const at = (problem: PathProblem): RuleProblem => ({ file, ...locate(doc, lines, problem), message: problem.message, severity: problem.severity });
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        const pos = lines.linePos(error.pos[0]);
        result.problems.push({ file, line: pos.line, column: pos.col, message: `YAML: ${error.message.split('\n')[0]}`, severity: 'error' });
      }
      continue;
    }
    if (doc.contents === null) continue;
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION });
    } catch (error) {
      // yaml throws a ReferenceError for alias bombs ("billion laughs") and a RangeError when nesting overflows the stack.
      if (!(error instanceof ReferenceError || error instanceof RangeError)) throw error;
      result.problems.push({ ...at({ path: [], message: `YAML: ${error instanceof ReferenceError ? `aliases expand to too many nodes (more than ${MAX_ALIAS_EXPANSION})` : 'nested too deeply'}; document skipped`, severity: 'error' }), limit: true });
      continue;
    }
    const line = doc.contents.range ? lines.linePos(doc.contents.range[0]).line : 1;
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      result.problems.push(at({ path: [], message: 'a rule document must be a map', severity: 'error' }));
      continue;
    }
    const record = data as Record<string, unknown>;
    if ('action' in record) {
      result.problems.push(at({ path: ['action'], message: `legacy rule collection (action: ${String(record.action)}) is not supported; document skipped`, severity: 'warning' }));
      continue;
    }
    if ('correlation' in record) {
      result.correlations.push({ file, line, doc: record });
      continue;
    }
    // Parsing and compiling go on after an error so that one run reports every problem; any error keeps the document out.
    let failed = false;
    const report = (problem: PathProblem): void => {
      if (problem.severity === 'error') failed = true;
      result.problems.push(at(problem));
    };
    if ('filter' in record && !('detection' in record)) {
      const filter = parseFilter(doc, file, line, report);
      const compiled = filter && compileRule(filter.detection, { cache, placeholders }, report);
      if (filter && compiled && !failed) {
        const rules = filter.rules === 'any' ? 'any' : filter.rules.map(({ reference, path }) => ({ reference, at: { file, ...locate(doc, lines, { path }) } }));
        filters.push({ title: compiled.title, logsource: compiled.logsource, match: compiled.match, rules });
      }
      continue;
    }
    const rule = parseRule(doc, file, line, report);
    const compiled = rule && compileRule(rule, { cache, placeholders }, report);
    if (compiled && !failed) result.rules.push(compiled);
    // Filters and correlations name rules by id or name, which the rules specification has unique.
    for (const key of ['id', 'name'] as const) {
      const value = record[key];
      if (typeof value !== 'string') continue;
      const first = seen.get(`${key} ${value}`);
      if (first === undefined) seen.set(`${key} ${value}`, `${file}:${line}`);
      else report({ path: [key], message: `${key} "${value}" is already the ${key} of the rule at ${first}; rules referring to it are ambiguous`, severity: 'warning' });
    }
  }
}
