import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import type { EcsEvent } from '../../../../core/domain/ecs.js';
import { loadRuleText } from '../../../../detectors/sigma/load-rules.js';

/**
 * The Sigma 2.1 specification as data: each file of tests/fixtures/sigma-spec is a table of cases
 * for one construct. A case is a rule (a `detection`, `attributes` over a valid rule, or whole
 * `text` with several documents), the events it must match and must not match, and exactly the
 * errors and warnings loading it reports (as substrings, in order). `source` says where it is from.
 */
interface SpecCase {
  name: string;
  source: string;
  detection?: Record<string, unknown>;
  attributes?: Record<string, unknown>;
  text?: string;
  placeholders?: Record<string, string[]>;
  rule?: string;
  match?: Record<string, unknown>[];
  nomatch?: Record<string, unknown>[];
  errors?: string[];
  warnings?: string[];
}

interface SpecTable {
  construct: string;
  cases: SpecCase[];
}

const dir = path.resolve('tests/fixtures/sigma-spec');

const BASE_RULE = {
  title: 'Specification case',
  id: '5f0e6f8e-7c1a-4c3b-9a57-2f1d0c4b8e01',
  taxonomy: 'ecs',
  logsource: { product: 'test' },
  detection: { selection: { 'process.name': 'cmd.exe' }, condition: 'selection' },
};

function ruleText(c: SpecCase): string {
  if (c.text !== undefined) return c.text;
  const rule: Record<string, unknown> = { ...BASE_RULE, ...(c.detection ? { detection: c.detection } : {}) };
  for (const [key, value] of Object.entries(c.attributes ?? {})) {
    if (value === null) delete rule[key];
    else rule[key] = value;
  }
  return stringify(rule);
}

const event = (fields: Record<string, unknown>): EcsEvent => ({ '@timestamp': '2026-01-01T00:00:00Z', ...fields }) as EcsEvent;

function expectProblems(actual: string[], expected: string[], kind: string): void {
  expect(actual.length, `${kind}: ${JSON.stringify(actual)}`).to.equal(expected.length);
  expected.forEach((part, i) => expect(actual[i], kind).to.include(part));
}

const tables = readdirSync(dir)
  .filter((file) => file.endsWith('.yml'))
  .sort()
  .map((file) => ({ file, table: parse(readFileSync(path.join(dir, file), 'utf8')) as SpecTable }));

describe('detectors > sigma > specification', () => {
  it('has a table for every construct group', () => {
    expect(tables.map((t) => t.table.construct)).to.have.length.greaterThan(5);
  });

  for (const { file, table } of tables) {
    describe(`${table.construct} (${file})`, () => {
      for (const c of table.cases) {
        it(c.name, () => {
          expect(c.source, 'every case says where it is from').to.be.a('string').and.not.equal('');
          const loaded = loadRuleText(ruleText(c), 'spec-case.yml', { placeholders: c.placeholders ?? {} });
          expectProblems(loaded.problems.filter((p) => p.severity === 'error').map((p) => p.message), c.errors ?? [], 'errors');
          expectProblems(loaded.problems.filter((p) => p.severity === 'warning').map((p) => p.message), c.warnings ?? [], 'warnings');
          if (!c.match && !c.nomatch) return;
          const rule = c.rule === undefined ? loaded.rules[0] : loaded.rules.find((r) => r.title === c.rule);
          expect(rule, 'the rule loads').to.not.equal(undefined);
          for (const fields of c.match ?? []) expect(rule!.match(event(fields)), `matches ${JSON.stringify(fields)}`).to.equal(true);
          for (const fields of c.nomatch ?? []) expect(rule!.match(event(fields)), `does not match ${JSON.stringify(fields)}`).to.equal(false);
        });
      }
    });
  }
});
