import { expect } from 'chai';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { Alert } from '../../../core/domain/alert.js';
import { setField, type EcsEvent } from '../../../core/domain/ecs.js';
import type { CompiledCorrelation } from '../../../detectors/correlation/compiled-correlation.js';
import { compileCorrelations } from '../../../detectors/correlation/compile-correlations.js';
import { parseTimespan } from '../../../detectors/correlation/timespan.js';
import { DetectionEngine, type DetectionEngineParts } from '../../../detectors/detection-engine.js';
import type { IocList } from '../../../detectors/ioc/ioc-list.js';
import { loadIocLists } from '../../../detectors/ioc/load-ioc-lists.js';
import { loadRules } from '../../../detectors/sigma/load-rules.js';
import type { CompiledSigmaRule, RuleProblem } from '../../../detectors/sigma/types.js';

/**
 * Every rule we ship has a sibling `<name>.test.yml`: `match` cases must raise an alert of that
 * rule, `no_match` cases must not. A case is one event, a list of events (a sequence, for
 * correlations), or a block `{repeat, every, event, vary}` that expands into a sequence.
 */
const RULES = path.resolve('rules');
/** SigmaHQ's rules are tested upstream and by tests/unit/rules/sigmahq-packs.test.ts; these are ours. */
const OWN_FOLDERS = ['sigma', 'correlation', 'ioc'].map((folder) => path.join(RULES, folder));
const DEFAULT_TIME = '2025-03-03T10:00:00Z';

interface RepeatBlock {
  repeat: number;
  every: string;
  event: Record<string, unknown>;
  vary?: Record<string, unknown[]>;
}
type CaseItem = Record<string, unknown> | RepeatBlock;
type TestCase = CaseItem | CaseItem[];

function ownFiles(): string[] {
  return OWN_FOLDERS.flatMap(walk);
}

function walk(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

let counter = 0;
function expand(testCase: TestCase): EcsEvent[] {
  const items = Array.isArray(testCase) ? testCase : [testCase];
  return items.flatMap((item) => {
    if (typeof item.repeat !== 'number') return [withDefaults(structuredClone(item) as Record<string, unknown>)];
    const block = item as RepeatBlock;
    const step = parseTimespan(block.every)!;
    const start = Date.parse(String(block.event['@timestamp'] ?? DEFAULT_TIME));
    return Array.from({ length: block.repeat }, (_, index) => {
      const event = structuredClone(block.event);
      event['@timestamp'] = new Date(start + index * step).toISOString();
      for (const [field, values] of Object.entries(block.vary ?? {})) setField(event, field, values[index % values.length]);
      return withDefaults(event);
    });
  });
}

function withDefaults(event: Record<string, unknown>): EcsEvent {
  event['@timestamp'] ??= DEFAULT_TIME;
  const meta = (event.event ??= {}) as Record<string, unknown>;
  meta.id ??= `test-${++counter}`;
  return event as unknown as EcsEvent;
}

function run(parts: DetectionEngineParts, events: EcsEvent[]): Alert[] {
  const engine = new DetectionEngine(parts);
  return [...events.flatMap((event) => engine.process(event)), ...engine.flush()];
}

describe('rules > shipped rule set', () => {
  let sigmaRules: CompiledSigmaRule[] = [];
  let correlations: CompiledCorrelation[] = [];
  let iocLists: IocList[] = [];
  let problems: RuleProblem[] = [];

  before(async () => {
    const loaded = await loadRules(OWN_FOLDERS);
    const ioc = await loadIocLists(path.join(RULES, 'ioc'));
    const known = [...loaded.rules.map((rule) => ({ id: rule.id, ...(rule.name ? { name: rule.name } : {}) })), ...ioc.lists.map((list) => ({ id: list.id }))];
    const compiled = compileCorrelations(loaded.correlations, known);
    sigmaRules = loaded.rules;
    correlations = compiled.correlations;
    iocLists = ioc.lists;
    problems = [...loaded.problems, ...ioc.problems, ...compiled.problems];
  });

  it('loads without a single problem', () => {
    expect(problems.map((problem) => `${problem.file}:${problem.line}: ${problem.message}`)).to.deep.equal([]);
  });

  it('has at least 40 rules, each with a test file', () => {
    const ruleFiles = ownFiles().filter((file) => /\.(ya?ml|txt|csv)$/.test(file) && !/\.test\.ya?ml$/.test(file) && !file.endsWith('README.md'));
    expect(sigmaRules.length + correlations.length + iocLists.length).to.be.at.least(40);
    const untested = ruleFiles.filter((file) => !existsSync(file.replace(/\.(ya?ml|txt|csv)$/, '.test.yml')));
    expect(untested).to.deep.equal([]);
  });

  for (const testFile of ownFiles().filter((file) => file.endsWith('.test.yml'))) {
    const relative = path.relative(process.cwd(), testFile);
    const spec = parse(readFileSync(testFile, 'utf8')) as { match?: TestCase[]; no_match?: TestCase[] };

    describe(relative, () => {
      const partsFor = (): { parts: DetectionEngineParts; targets: Set<string> } => {
        const base = testFile.replace(/\.test\.yml$/, '');
        const listFile = ['.txt', '.csv'].map((extension) => base + extension).find((file) => existsSync(file));
        if (listFile) {
          const lists = iocLists.filter((list) => path.resolve(list.file) === listFile);
          return { parts: { sigmaRules: [], correlations: [], iocLists: lists }, targets: new Set(lists.map((list) => list.id)) };
        }
        const ruleFile = base + '.yml';
        const own = correlations.filter((correlation) => path.resolve(correlation.file) === ruleFile);
        if (own.length > 0) return { parts: { sigmaRules, correlations, iocLists }, targets: new Set(own.map((correlation) => correlation.id)) };
        const rules = sigmaRules.filter((rule) => path.resolve(rule.file) === ruleFile);
        return { parts: { sigmaRules: rules, correlations: [], iocLists: [] }, targets: new Set(rules.map((rule) => rule.id)) };
      };

      it('names a rule that loaded', () => {
        expect(partsFor().targets.size).to.be.greaterThan(0);
      });

      (spec.match ?? []).forEach((testCase, index) => {
        it(`match #${index + 1} raises an alert`, () => {
          const { parts, targets } = partsFor();
          const alerts = run(parts, expand(testCase));
          expect(alerts.filter((alert) => targets.has(alert.rule.id)).length, JSON.stringify(alerts.map((alert) => alert.rule.id))).to.be.greaterThan(0);
        });
      });

      (spec.no_match ?? []).forEach((testCase, index) => {
        it(`no_match #${index + 1} raises no alert`, () => {
          const { parts, targets } = partsFor();
          const alerts = run(parts, expand(testCase));
          expect(alerts.filter((alert) => targets.has(alert.rule.id)).map((alert) => alert.rule.id)).to.deep.equal([]);
        });
      });
    });
  }
});
