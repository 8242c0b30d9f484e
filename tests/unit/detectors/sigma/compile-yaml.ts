import { LineCounter, parseDocument } from 'yaml';
import { compileRule } from '../../../../detectors/sigma/compile-rule.js';
import { FieldCache } from '../../../../detectors/sigma/field-cache.js';
import { parseRule } from '../../../../detectors/sigma/parse-rule.js';
import type { PathProblem } from '../../../../detectors/sigma/problem-sink.js';
import type { CompiledSigmaRule } from '../../../../detectors/sigma/types.js';

/** Compiles one rule from YAML text; throws with the reported problems when it has an error. */
export function compileYaml(text: string, placeholders: Record<string, string[]> = {}): CompiledSigmaRule {
  const problems: PathProblem[] = [];
  const doc = parseDocument(text, { lineCounter: new LineCounter() });
  const rule = parseRule(doc, 'inline.yml', 1, (p) => problems.push(p));
  const compiled = rule && compileRule(rule, { cache: new FieldCache(), placeholders }, (p) => problems.push(p));
  if (!compiled || problems.some((p) => p.severity === 'error')) throw new Error(problems.map((p) => p.message).join('; '));
  return compiled;
}

/** A rule with one selection over `logsource` (default: ECS taxonomy, so fields are used as written). */
export function ruleWith(selection: string, options: { condition?: string; header?: string } = {}): string {
  return [
    'title: test rule',
    'id: 00000000-0000-0000-0000-000000000001',
    options.header ?? 'taxonomy: ecs\nlogsource:\n    product: test',
    'detection:',
    selection.replace(/^/gm, '    '),
    `    condition: ${options.condition ?? 'selection'}`,
  ].join('\n');
}
