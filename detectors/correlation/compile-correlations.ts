import { LEVEL_ORDER, type RuleLevel } from '../../core/domain/alert.js';
import { deterministicId } from '../../core/ids.js';
import type { RawCorrelationDoc, RuleProblem } from '../sigma/types.js';
import { CORRELATION_TYPES, type CompiledCorrelation, type CorrelationType } from './compiled-correlation.js';
import { COUNT_OPERATORS, countCondition, type CountOperator } from './count-condition.js';
import { parseTimespan } from './timespan.js';

/** A rule a correlation may reference: Sigma rules and IOC lists are known by id and maybe name. */
export interface ReferenceableRule {
  id: string;
  name?: string;
}

/** The types that aggregate the values of `condition.field`. */
const VALUE_TYPES = new Set(['value_count', 'value_sum', 'value_avg', 'value_percentile']);

export interface CompiledCorrelations {
  correlations: CompiledCorrelation[];
  problems: RuleProblem[];
}

/**
 * Validates correlation documents and resolves their `rules` by id or name, against the detection
 * rules and against each other (chains). Every problem is collected; a broken document is left out.
 */
export function compileCorrelations(docs: RawCorrelationDoc[], knownRules: ReferenceableRule[]): CompiledCorrelations {
  const problems: RuleProblem[] = [];
  const byReference = new Map<string, string>();
  for (const rule of knownRules) {
    byReference.set(rule.id, rule.id);
    if (rule.name) byReference.set(rule.name, rule.id);
  }
  // Correlations may reference one another, so their ids and names are known before any is compiled.
  const identities = docs.map((raw) => identityOf(raw));
  for (const identity of identities) {
    byReference.set(identity.id, identity.id);
    if (identity.name) byReference.set(identity.name, identity.id);
  }

  const compiled: CompiledCorrelation[] = [];
  docs.forEach((raw, index) => {
    const report = (message: string, severity: RuleProblem['severity'] = 'error'): void => {
      problems.push({ file: raw.file, line: raw.line, column: 1, message, severity });
    };
    const correlation = compileOne(raw, identities[index]!, byReference, report);
    if (correlation) compiled.push(correlation);
  });

  const acyclic = dropCycles(compiled, (correlation) =>
    problems.push({ file: correlation.file, line: correlation.line, column: 1, message: `correlation ${correlation.id} references itself through a chain`, severity: 'error' }),
  );
  return { correlations: acyclic, problems };
}

function identityOf(raw: RawCorrelationDoc): { id: string; name?: string } {
  const id = typeof raw.doc.id === 'string' && raw.doc.id ? raw.doc.id : undefined;
  const name = typeof raw.doc.name === 'string' && raw.doc.name ? raw.doc.name : undefined;
  return { id: id ?? name ?? deterministicId('correlation', raw.file, String(raw.line)), ...(name ? { name } : {}) };
}

function compileOne(
  raw: RawCorrelationDoc,
  identity: { id: string; name?: string },
  byReference: Map<string, string>,
  report: (message: string, severity?: RuleProblem['severity']) => void,
): CompiledCorrelation | undefined {
  const doc = raw.doc;
  let broken = false;
  const fail = (message: string): void => {
    broken = true;
    report(message);
  };

  const title = typeof doc.title === 'string' && doc.title.trim() ? doc.title : undefined;
  if (!title) fail('correlation needs a title');
  const section = doc.correlation;
  if (!isRecord(section)) {
    fail('correlation section missing or not a map');
    return undefined;
  }

  const type = section.type;
  if (typeof type !== 'string' || !(CORRELATION_TYPES as readonly string[]).includes(type)) {
    fail(`unknown correlation type ${JSON.stringify(type)}`);
  }

  const ruleIds: string[] = [];
  const references = asStringList(section.rules);
  if (!references || references.length === 0) fail('correlation.rules must be a non-empty list of rule ids or names');
  for (const reference of references ?? []) {
    const id = byReference.get(reference);
    if (id === undefined) fail(`correlation.rules: unknown rule ${reference}`);
    else if (id === identity.id) fail('correlation.rules: a correlation cannot reference itself');
    else ruleIds.push(id);
  }

  let groupBy: string[] = [];
  if (section['group-by'] !== undefined) {
    const list = asStringList(section['group-by']);
    if (!list) fail('correlation.group-by must be a list of field names');
    else groupBy = list;
  }

  const timespanMs = typeof section.timespan === 'string' ? parseTimespan(section.timespan) : undefined;
  if (timespanMs === undefined) fail(`correlation.timespan ${JSON.stringify(section.timespan)} is not a number followed by s, m, h or d`);

  const terms: { operator: CountOperator; value: number }[] = [];
  let valueField: string | undefined;
  if (section.condition !== undefined) {
    if (!isRecord(section.condition)) fail('correlation.condition must be a map such as {gte: 10}');
    else {
      for (const [key, value] of Object.entries(section.condition)) {
        if (key === 'field') {
          if (typeof value === 'string' && value) valueField = value;
          else fail('correlation.condition.field must be a field name');
        } else if ((COUNT_OPERATORS as readonly string[]).includes(key)) {
          if (typeof value === 'number' && Number.isFinite(value)) terms.push({ operator: key as CountOperator, value });
          else fail(`correlation.condition.${key} must be a number`);
        } else fail(`correlation.condition: unknown operator ${key}`);
      }
    }
  }
  const counting = type === 'event_count' || VALUE_TYPES.has(String(type));
  if (counting && terms.length === 0) fail(`${String(type)} needs a condition such as {gte: 10}`);
  if (VALUE_TYPES.has(String(type)) && !valueField) fail(`${String(type)} needs condition.field`);
  if (type === 'value_percentile' && terms.some(({ value }) => value < 0 || value > 100)) fail('value_percentile compares a share of events in percent: its condition values lie between 0 and 100');
  if (!VALUE_TYPES.has(String(type)) && valueField) report(`${String(type)} ignores condition.field`, 'warning');
  if (type === 'temporal_ordered' && terms.length > 0) report('temporal_ordered ignores condition: all rules must occur in order', 'warning');
  // Without a condition, temporal means "every referenced rule occurred".
  if ((type === 'temporal' || type === 'temporal_ordered') && terms.length === 0) terms.push({ operator: 'gte', value: ruleIds.length });

  const aliases = new Map<string, Map<string, string>>();
  if (section.aliases !== undefined) {
    if (!isRecord(section.aliases)) fail('correlation.aliases must be a map alias → {rule: field}');
    else {
      for (const [alias, perRule] of Object.entries(section.aliases)) {
        if (!isRecord(perRule)) {
          fail(`correlation.aliases.${alias} must map rule names to field names`);
          continue;
        }
        const mapping = new Map<string, string>();
        for (const [reference, field] of Object.entries(perRule)) {
          const id = byReference.get(reference);
          if (id === undefined || !ruleIds.includes(id)) fail(`correlation.aliases.${alias}: ${reference} is not one of the referenced rules`);
          else if (typeof field !== 'string') fail(`correlation.aliases.${alias}.${reference} must be a field name`);
          else mapping.set(id, field);
        }
        aliases.set(alias, mapping);
      }
    }
  }

  const level = doc.level === undefined ? 'medium' : doc.level;
  if (!(LEVEL_ORDER as readonly unknown[]).includes(level)) fail(`unknown level ${JSON.stringify(doc.level)}`);
  if (doc.generate !== undefined && typeof doc.generate !== 'boolean') fail('generate must be true or false');

  if (broken) return undefined;
  const author = typeof doc.author === 'string' ? doc.author : undefined;
  const description = typeof doc.description === 'string' ? doc.description : undefined;
  return {
    id: identity.id,
    ...(identity.name ? { name: identity.name } : {}),
    title: title!,
    level: level as RuleLevel,
    ...(author ? { author } : {}),
    ...(description ? { description } : {}),
    references: asStringList(doc.references) ?? asStringList(doc.reference) ?? [],
    tags: asStringList(doc.tags) ?? [],
    type: type as CorrelationType,
    ruleIds,
    groupBy,
    aliases,
    timespanMs: timespanMs!,
    condition: countCondition(terms),
    ...(valueField ? { valueField } : {}),
    generate: doc.generate === true,
    file: raw.file,
    line: raw.line,
  };
}

/** Keeps only correlations whose chain of references ends in detection rules. */
function dropCycles(correlations: CompiledCorrelation[], onCycle: (correlation: CompiledCorrelation) => void): CompiledCorrelation[] {
  const byId = new Map(correlations.map((correlation) => [correlation.id, correlation]));
  const state = new Map<string, 'visiting' | 'ok' | 'cyclic'>();
  const visit = (id: string): boolean => {
    const seen = state.get(id);
    if (seen === 'visiting' || seen === 'cyclic') return false;
    if (seen === 'ok') return true;
    const correlation = byId.get(id);
    if (!correlation) return true;
    state.set(id, 'visiting');
    const ok = correlation.ruleIds.every(visit);
    state.set(id, ok ? 'ok' : 'cyclic');
    return ok;
  };
  return correlations.filter((correlation) => {
    const ok = visit(correlation.id);
    if (!ok) onCycle(correlation);
    return ok;
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function asStringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) return undefined;
  return value as string[];
}
