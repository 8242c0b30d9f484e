import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RulesCatalog } from '../../../core/ports/rules-catalog.js';
import type { EcsEvent } from '../../../core/domain/ecs.js';
import { NotFoundError, ValidationError } from '../../../core/errors.js';
import { DetectionEngine, type LoadedRuleSet } from '../../../detectors/detection-engine.js';
import { EngineRulesCatalog } from '../../../detectors/rules-catalog.js';
import { RuleTooComplexError } from '../../../detectors/rule-too-complex-error.js';

const RULES = path.resolve('rules');
const DYNDNS = '26ec16fb-59fe-5164-b54d-d623c38cefde';

const RULE = `title: Root login
id: 11111111-2222-3333-4444-555555555555
name: root_login
taxonomy: ecs
logsource: {product: linux}
detection:
  selection:
    user.name: root
  condition: selection
level: high
`;

const CORRELATION = `---
title: Root logins from many places
id: 66666666-2222-3333-4444-555555555555
correlation:
  type: value_count
  rules: [root_login]
  group-by: [user.name]
  timespan: 10m
  condition: {field: source.ip, gte: 2}
level: critical
`;

function dnsQuery(name: string): EcsEvent {
  return {
    '@timestamp': '2025-03-03T10:00:00Z',
    organization: { id: 'gemeinde-a' },
    event: { id: `q-${name}`, kind: 'event', module: 'bind', dataset: 'bind.query', category: ['network'], type: ['protocol', 'info'] },
    dns: { question: { name } },
  } as EcsEvent;
}

function login(ip: string, second: number): Record<string, unknown> {
  return { '@timestamp': `2025-03-03T10:00:${String(second).padStart(2, '0')}Z`, event: { id: `l-${second}` }, user: { name: 'root' }, source: { ip }, host: { os: { type: 'linux' } } };
}

describe('detectors > rules-catalog', () => {
  let dataDir: string;
  let ruleSet: LoadedRuleSet;
  let engine: DetectionEngine;
  let catalog: EngineRulesCatalog;

  // Thousands of SigmaHQ rules: compiled once, each test gets engines of its own from them.
  before(async function () {
    this.timeout(60_000);
    ruleSet = await DetectionEngine.loadRuleSet(RULES);
  });

  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'lagebild-rule-state-'));
    engine = DetectionEngine.fromRuleSet(ruleSet);
    catalog = await EngineRulesCatalog.open({ engine, defaults: ruleSet.defaults, rulesDir: RULES, dataDir });
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('has the shape the API expects', () => {
    const api: RulesCatalog = catalog;
    expect(api).to.equal(catalog);
  });

  it('lists Sigma, correlation and IOC rules with their paths relative to the rules directory', () => {
    const rules = catalog.list();
    const byId = new Map(rules.map((rule) => [rule.id, rule]));
    expect(byId.get(DYNDNS)).to.include({ type: 'sigma', level: 'medium', enabled: true, author: 'Lagebild project', path: path.join('sigma', 'dns', 'dns_dynamic_dns_domain.yml') });
    expect(byId.get(DYNDNS)!.description).to.match(/^Dynamic DNS names/);
    expect(byId.get(DYNDNS)!.tags).to.include('attack.t1568');
    expect(byId.get('cc92152d-3552-5996-935f-4a66421e5023')).to.include({ type: 'correlation', path: path.join('correlation', 'password_spraying_across_organisations.yml') });
    expect(byId.get('ioc-c2-domains')).to.include({ type: 'ioc', path: path.join('ioc', 'c2-domains.txt') });
    expect(new Set(rules.map((rule) => rule.type))).to.deep.equal(new Set(['sigma', 'correlation', 'ioc']));
  });

  it('shows a rule with its source and answers undefined for an unknown id', async () => {
    const rule = await catalog.get(DYNDNS);
    expect(rule!.source).to.equal(readFileSync(path.join(RULES, 'sigma/dns/dns_dynamic_dns_domain.yml'), 'utf8'));
    expect(await catalog.get('no-such-rule')).to.equal(undefined);
  });

  it('disables a rule for the next event and remembers it across a restart', async () => {
    const alertsOf = (candidate: DetectionEngine) => candidate.process(dnsQuery('xk42.duckdns.org')).map((alert) => alert.rule.id);
    const summary = await catalog.setEnabled(DYNDNS, false);
    expect(summary.enabled).to.equal(false);
    expect(alertsOf(engine)).to.not.include(DYNDNS);
    expect(JSON.parse(readFileSync(path.join(dataDir, 'rule-state.json'), 'utf8'))).to.deep.equal({ enabled: [], disabled: [DYNDNS] });

    // A restarted process shares only the data directory with the old one; the compiled rules are the same either way.
    const restarted = DetectionEngine.fromRuleSet(ruleSet);
    const reopened = await EngineRulesCatalog.open({ engine: restarted, defaults: ruleSet.defaults, rulesDir: RULES, dataDir });
    expect(reopened.list().find((rule) => rule.id === DYNDNS)!.enabled).to.equal(false);
    expect(alertsOf(restarted)).to.not.include(DYNDNS);

    await reopened.setEnabled(DYNDNS, true);
    expect(alertsOf(restarted)).to.include(DYNDNS);
  });

  it('lists each rule’s pack and default with the reason, and keeps switching a default-off rule on as a choice', async () => {
    const dcsyncByMachine = '611eab06-a145-4dfa-a295-3ccc5c20f59a';
    const coreOnReceived = 'fd877b94-9bb5-4191-bb25-d79cbd93c167';
    const byId = new Map(catalog.list().map((rule) => [rule.id, rule]));
    expect(byId.get(DYNDNS)).to.include({ pack: 'lagebild', enabledByDefault: true });
    expect(byId.get(coreOnReceived)).to.include({ pack: 'core', enabled: true, enabledByDefault: true, defaultReason: 'Core rule for a log source Lagebild receives' });
    expect(byId.get(dcsyncByMachine)).to.include({ pack: 'core+', enabled: false, enabledByDefault: false });
    expect(byId.get(dcsyncByMachine)!.defaultReason).to.match(/^core\+, noisy: .* alerts per organisation per day/);

    expect(await catalog.setEnabled(dcsyncByMachine, true)).to.include({ enabled: true, enabledByDefault: false });
    await catalog.setEnabled(DYNDNS, false);
    expect(JSON.parse(readFileSync(path.join(dataDir, 'rule-state.json'), 'utf8'))).to.deep.equal({ enabled: [dcsyncByMachine], disabled: [DYNDNS] });
    const reopened = await EngineRulesCatalog.open({ engine: DetectionEngine.fromRuleSet(ruleSet), defaults: ruleSet.defaults, rulesDir: RULES, dataDir });
    expect(reopened.list().find((rule) => rule.id === dcsyncByMachine)!.enabled).to.equal(true);
  });

  it('reads a rule state written before packs existed (only disabled rules)', async () => {
    writeFileSync(path.join(dataDir, 'rule-state.json'), JSON.stringify({ disabled: [DYNDNS] }));
    const reopened = await EngineRulesCatalog.open({ engine: DetectionEngine.fromRuleSet(ruleSet), defaults: ruleSet.defaults, rulesDir: RULES, dataDir });
    expect(reopened.list().find((rule) => rule.id === DYNDNS)!.enabled).to.equal(false);
  });

  it('throws NotFoundError when switching an unknown rule', async () => {
    let error: unknown;
    await catalog.setEnabled('no-such-rule', false).catch((caught: unknown) => (error = caught));
    expect(error).to.be.instanceOf(NotFoundError);
  });

  it('validates a rule: nothing for a good one, every problem with its line for a broken one', async () => {
    expect(await catalog.validate(RULE)).to.deep.equal([]);
    expect(await catalog.validate(RULE + CORRELATION)).to.deep.equal([]);
    const broken = RULE.replace('level: high', 'level: high\nfalsepositives: [x]').replace('condition: selection', 'condition: selection and (').replace('title: Root login\n', '');
    const problems = await catalog.validate(broken);
    expect(problems.map((problem) => problem.message)).to.have.length.of.at.least(2);
    expect(problems.some((problem) => /title/.test(problem.message) && problem.line === 1)).to.equal(true);
    expect(problems.some((problem) => /condition/.test(problem.message) && problem.line === 8)).to.equal(true);
    expect((await catalog.validate('title: [unclosed'))[0]!.message).to.match(/^YAML/);
    expect(await catalog.validate('')).to.deep.equal([{ message: 'the text holds no rule', line: 1, column: 1 }]);
  });

  it('tests a rule over sample events on an engine of its own', async () => {
    const alerts = await catalog.test(RULE, [login('203.0.113.1', 0), { ...login('203.0.113.1', 1), user: { name: 'alice' } }]);
    expect(alerts.map((alert) => [alert.rule.id, alert.event_ids])).to.deep.equal([['11111111-2222-3333-4444-555555555555', ['l-0']]]);
  });

  it('tests a correlation given with its rule in one text', async () => {
    const alerts = await catalog.test(RULE + CORRELATION, [login('203.0.113.1', 0), login('203.0.113.2', 1)]);
    expect(alerts.map((alert) => alert.rule.id)).to.deep.equal(['66666666-2222-3333-4444-555555555555']);
  });

  it('refuses to test a broken rule or events that are not objects', async () => {
    expect(await rejection(catalog.test('title: x', []))).to.be.instanceOf(ValidationError);
    expect(await rejection(catalog.test(CORRELATION, []))).to.be.instanceOf(ValidationError).with.property('message').that.matches(/errors/);
    expect(await rejection(catalog.test(RULE, [42]))).to.be.instanceOf(ValidationError).with.property('message').that.matches(/event 1/);
  });

  it('refuses a text that overruns the time of a trial, and an alias bomb, as too complex', async () => {
    const hasty = await EngineRulesCatalog.open({ engine, rulesDir: RULES, trialLimits: { timeoutMs: 1, maxHeapMb: 64 } });
    expect(await rejection(hasty.test(RULE, [login('203.0.113.1', 0)]))).to.be.instanceOf(RuleTooComplexError).with.property('code', 'rule_too_complex');
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdef'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdef'[i]!}`).join(', ')}]`)];
    const bomb = `${levels.join('\n')}\n${RULE}`;
    expect(await rejection(catalog.validate(bomb))).to.be.instanceOf(RuleTooComplexError);
  });
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
