import { expect } from 'chai';
import type { EcsEvent } from '../../../core/domain/ecs.js';
import { compileCorrelations } from '../../../detectors/correlation/compile-correlations.js';
import type { KeyedCorrelationInput } from '../../../detectors/correlation/correlation-input.js';
import { DetectionEngine } from '../../../detectors/detection-engine.js';
import { parseIocList } from '../../../detectors/ioc/ioc-list.js';
import type { CompiledSigmaRule } from '../../../detectors/sigma/types.js';

const failed: CompiledSigmaRule = {
  id: 'r-failed',
  name: 'ssh_failed',
  title: 'SSH login failed',
  level: 'low',
  references: [],
  tags: [],
  logsource: {},
  taxonomy: 'sigma',
  falsepositives: [],
  file: 'ssh_failed.yml',
  match: (event) => event.event.outcome === 'failure',
};
const BASE = Date.parse('2025-03-01T10:00:00Z');

function login(seconds: number, org: string, ip = '203.0.113.7'): EcsEvent {
  return { '@timestamp': new Date(BASE + seconds * 1000).toISOString(), event: { id: `${org}-${seconds}`, outcome: 'failure' }, source: { ip }, organization: { id: org } };
}

function correlations(...docs: Record<string, unknown>[]) {
  const compiled = compileCorrelations(
    docs.map((doc, index) => ({ file: 'c.yml', line: index + 1, doc })),
    [{ id: 'r-failed', name: 'ssh_failed' }],
  );
  expect(compiled.problems).to.deep.equal([]);
  return compiled.correlations;
}

const perOrg = { id: 'c-per-org', title: 'Guessing', correlation: { type: 'event_count', rules: ['ssh_failed'], 'group-by': ['source.ip', 'organization.id'], timespan: '10m', condition: { gte: 2 } }, generate: true };
const acrossOrgs = { id: 'c-across', title: 'Spraying', correlation: { type: 'value_count', rules: ['ssh_failed'], 'group-by': ['source.ip'], timespan: '1h', condition: { field: 'organization.id', gte: 2 } }, generate: true };

function ids(alerts: { rule: { id: string } }[]): string[] {
  return alerts.map((alert) => alert.rule.id);
}

describe('detectors > DetectionEngine > switches and stages', () => {
  it('a disabled Sigma rule neither alerts nor feeds correlations, and alerts again once enabled', () => {
    const engine = new DetectionEngine({ sigmaRules: [failed], correlations: correlations(perOrg), iocLists: [] });
    expect(engine.setEnabled('r-failed', false)).to.equal(true);
    expect(engine.isEnabled('r-failed')).to.equal(false);
    expect(ids([...engine.process(login(0, 'a')), ...engine.process(login(1, 'a')), ...engine.flush()])).to.deep.equal([]);
    engine.setEnabled('r-failed', true);
    expect(ids(engine.process(login(2, 'a')))).to.deep.equal(['r-failed']);
  });

  it('a disabled correlation does not alert while its rule still does', () => {
    const engine = new DetectionEngine({ sigmaRules: [failed], correlations: correlations(perOrg), iocLists: [] });
    engine.setEnabled('c-per-org', false);
    const alerts = [...engine.process(login(0, 'a')), ...engine.process(login(1, 'a')), ...engine.flush()];
    expect(ids(alerts)).to.not.include('c-per-org');
    expect(ids(alerts)).to.include('r-failed');
  });

  it('a disabled IOC list does not alert', () => {
    const { list } = parseIocList('203.0.113.7\n', 'rules/ioc/bad.txt');
    const engine = new DetectionEngine({ sigmaRules: [], correlations: [], iocLists: [list] });
    engine.setEnabled('ioc-bad', false);
    expect(engine.process(login(0, 'a'))).to.deep.equal([]);
    engine.setEnabled('ioc-bad', true);
    expect(ids(engine.process(login(1, 'b')))).to.deep.equal(['ioc-bad']);
  });

  it('refuses unknown ids', () => {
    const engine = new DetectionEngine({ sigmaRules: [failed], correlations: [], iocLists: [] });
    expect(engine.setEnabled('nope', false)).to.equal(false);
  });

  it('with a sink, hands cross-organisation inputs on and still evaluates per-organisation correlations', () => {
    const engine = new DetectionEngine({ sigmaRules: [failed], correlations: correlations(perOrg, acrossOrgs), iocLists: [] });
    const inputs: KeyedCorrelationInput[] = [];
    const alerts = [...engine.process(login(0, 'a'), (input) => inputs.push(input)), ...engine.process(login(1, 'b'), (input) => inputs.push(input))];
    expect(ids(alerts)).to.not.include('c-across');
    expect(inputs.map((input) => [input.key, input.input.correlationId, input.input.fields])).to.deep.equal([
      ['203.0.113.7', 'c-across', { 'source.ip': '203.0.113.7', 'organization.id': 'a' }],
      ['203.0.113.7', 'c-across', { 'source.ip': '203.0.113.7', 'organization.id': 'b' }],
    ]);
    expect(ids(engine.process(login(2, 'a'), () => undefined))).to.include('c-per-org');

    // The second stage, on an engine of its own, sees both organisations through the inputs.
    const stage = new DetectionEngine({ sigmaRules: [failed], correlations: correlations(perOrg, acrossOrgs), iocLists: [] });
    const campaign = inputs.flatMap((input) => stage.processCorrelationInput(JSON.parse(JSON.stringify(input.input))));
    expect(ids(campaign)).to.deep.equal(['c-across']);
    expect(campaign[0]!.organization).to.deep.equal({ id: null, ids: ['a', 'b'] });
  });

  it('does not re-key inputs of a disabled cross-organisation correlation', () => {
    const engine = new DetectionEngine({ sigmaRules: [failed], correlations: correlations(acrossOrgs), iocLists: [] });
    engine.setEnabled('c-across', false);
    const inputs: KeyedCorrelationInput[] = [];
    engine.process(login(0, 'a'), (input) => inputs.push(input));
    expect(inputs).to.deep.equal([]);
  });
});
