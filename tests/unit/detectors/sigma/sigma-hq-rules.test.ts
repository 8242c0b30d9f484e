import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { EcsEvent } from '../../../../core/domain/ecs.js';
import { loadRules } from '../../../../detectors/sigma/load-rules.js';
import { RuleIndex } from '../../../../detectors/sigma/rule-index.js';
import { candidatesOf } from './candidates-of.js';
import type { CompiledSigmaRule } from '../../../../detectors/sigma/types.js';
import { flattenWindowsEvent, splitJsonObjects } from './windows-event-json.js';

const SIGMA = '/work/shared/data/sigma';
const REGRESSION = path.join(SIGMA, 'regression');

interface ManifestEntry {
  rule_path: string;
  rule_id: string;
  tests: { name: string; match_count: number | null; event_json: string }[];
}

const manifest = JSON.parse(readFileSync(path.join(REGRESSION, 'manifest.json'), 'utf8')) as ManifestEntry[];
const eventsOf = (file: string): EcsEvent[] => splitJsonObjects(readFileSync(path.join(REGRESSION, file), 'utf8')).map((e) => flattenWindowsEvent(e) as unknown as EcsEvent);

describe('detectors > sigma > SigmaHQ rules', function () {
  this.timeout(30_000);

  it('compiles at least 98% of the 1,732 SigmaHQ rules and lists the failures', async () => {
    const { rules, problems } = await loadRules([path.join(SIGMA, 'rules')]);
    const failedFiles = new Set(problems.filter((p) => p.severity === 'error').map((p) => p.file));
    const total = rules.length + failedFiles.size;
    console.log(`      compiled ${rules.length}/${total} SigmaHQ rules`);
    for (const p of problems.filter((p) => p.severity === 'error')) console.log(`      FAIL ${path.relative(SIGMA, p.file)}:${p.line}:${p.column} ${p.message}`);
    const warnings = problems.filter((p) => p.severity === 'warning');
    if (warnings.length > 0) console.log(`      ${warnings.length} warnings (unresolved placeholders etc.)`);
    expect(total).to.equal(1732);
    expect(rules.length / total).to.be.at.least(0.98);
  });

  it('the content guards of the index never drop a rule that matches (all rules × all regression events)', async () => {
    const { rules } = await loadRules([path.join(SIGMA, 'rules')]);
    const guarded = new RuleIndex(rules);
    // Copies carry no guard, so this index narrows by log source only.
    const copies = rules.map((r) => ({ ...r }));
    const bySource = new RuleIndex(copies);
    let checked = 0;
    for (const entry of manifest) {
      for (const test of entry.tests) {
        for (const event of eventsOf(test.event_json)) {
          const kept = new Set(candidatesOf(guarded, event).map((r) => r.file));
          for (const rule of candidatesOf(bySource, event)) {
            if (rule.match(event)) {
              checked++;
              expect(kept.has(rule.file), `${rule.file} dropped`).to.equal(true);
            }
          }
        }
      }
    }
    expect(checked).to.be.greaterThan(90);
  });

  describe('regression data (positive tests)', () => {
    let byPath: Map<string, CompiledSigmaRule>;
    let index: RuleIndex;
    before(async () => {
      const { rules, problems } = await loadRules([path.join(REGRESSION, 'rules'), path.join(REGRESSION, 'rules-emerging-threats')]);
      expect(problems.filter((p) => p.severity === 'error')).to.deep.equal([]);
      byPath = new Map(rules.map((r) => [path.relative(REGRESSION, r.file), r]));
      index = new RuleIndex(rules);
    });

    for (const entry of manifest) {
      for (const test of entry.tests) {
        it(`${entry.rule_path}: ${test.name}`, () => {
          const rule = byPath.get(entry.rule_path);
          expect(rule, 'rule compiled').to.not.equal(undefined);
          const events = eventsOf(test.event_json);
          const direct = events.filter((e) => rule!.match(e)).length;
          const viaIndex = events.filter((e) => candidatesOf(index, e).includes(rule!) && rule!.match(e)).length;
          expect(direct).to.be.at.least(test.match_count ?? 1);
          expect(viaIndex, 'the index must not drop a matching rule').to.equal(direct);
        });
      }
    }
  });
});
