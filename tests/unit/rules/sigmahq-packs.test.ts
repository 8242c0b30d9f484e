import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DetectionEngine } from '../../../detectors/detection-engine.js';
import { packOf } from '../../../detectors/rule-packs/pack-of.js';
import type { RuleDefaults } from '../../../detectors/rule-packs/rule-defaults.js';
import type { RuleProblem } from '../../../detectors/sigma/types.js';

const RULES = path.resolve('rules');
const SIGMAHQ = path.join(RULES, 'sigmahq');

/**
 * The SigmaHQ rules Lagebild ships, as the service loads them: every rule compiles, keeps its
 * author and licence, and the tuning file names rules that exist, so an update cannot leave it
 * pointing at nothing unnoticed.
 */
describe('rules > shipped SigmaHQ packs', function () {
  this.timeout(60_000);
  let engine: DetectionEngine;
  let defaults: RuleDefaults;
  let problems: RuleProblem[];

  before(async () => {
    ({ engine, defaults, problems } = await DetectionEngine.load(RULES));
  });

  const sigmahqRules = () => engine.rules().sigmaRules.filter((rule) => packOf(rule) !== 'lagebild');

  it('loads thousands of SigmaHQ rules without an error; the only warnings are placeholders for the CERT to fill', () => {
    expect(sigmahqRules().length).to.be.greaterThan(3000);
    expect(problems.filter((problem) => problem.severity === 'error')).to.deep.equal([]);
    for (const problem of problems) expect(problem.message).to.match(/^placeholder %\w+% has no values/);
  });

  it('keeps every rule’s author and ships the Detection Rule License beside them', () => {
    expect(sigmahqRules().filter((rule) => !rule.author).map((rule) => rule.file)).to.deep.equal([]);
    expect(readFileSync(path.join(SIGMAHQ, 'LICENSE.Detection.Rules.md'), 'utf8')).to.match(/Detection Rule License \(DRL\) 1\.1/);
    expect(existsSync(path.join(SIGMAHQ, 'version.txt'))).to.equal(true);
  });

  it('holds every pack, and runs Core for received log sources only', () => {
    const packs = new Map<string, { on: number; off: number }>();
    for (const rule of sigmahqRules()) {
      const tally = packs.get(defaults.of(rule.id).pack) ?? { on: 0, off: 0 };
      tally[engine.isEnabled(rule.id) ? 'on' : 'off']++;
      packs.set(defaults.of(rule.id).pack, tally);
    }
    expect([...packs.keys()].sort()).to.deep.equal(['core', 'core+', 'core++', 'emerging-threats', 'threat-hunting']);
    expect(packs.get('core')!.on).to.be.greaterThan(1000);
    for (const pack of ['core++', 'emerging-threats', 'threat-hunting']) expect(packs.get(pack)!.on, pack).to.equal(0);
    const cloud = sigmahqRules().filter((rule) => ['aws', 'azure', 'gcp', 'm365', 'okta'].includes(rule.logsource.product ?? ''));
    expect(cloud.length).to.be.greaterThan(0);
    expect(cloud.filter((rule) => engine.isEnabled(rule.id)).map((rule) => rule.title)).to.deep.equal([]);
  });

  it('names in the tuning file only shipped rules, with their titles, each with a reason', () => {
    const tuning = JSON.parse(readFileSync(path.join(RULES, 'sigmahq-tuning', 'defaults.json'), 'utf8')) as Record<'on' | 'off', Record<string, { title: string; reason: string }>>;
    const titles = new Map(sigmahqRules().map((rule) => [rule.id, rule.title]));
    for (const [switched, entries] of Object.entries(tuning)) {
      for (const [id, entry] of Object.entries(entries)) {
        expect(titles.get(id), `${switched} ${id}`).to.equal(entry.title);
        expect(engine.isEnabled(id), `${switched} ${id}`).to.equal(switched === 'on');
        expect(defaults.of(id).reason).to.equal(entry.reason);
      }
    }
  });
});
