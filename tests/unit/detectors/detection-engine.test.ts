import { expect } from 'chai';
import path from 'node:path';
import type { EcsEvent } from '../../../core/domain/ecs.js';
import { compileCorrelations } from '../../../detectors/correlation/compile-correlations.js';
import { DetectionEngine } from '../../../detectors/detection-engine.js';
import { loadIocLists } from '../../../detectors/ioc/load-ioc-lists.js';
import type { CompiledSigmaRule } from '../../../detectors/sigma/types.js';

function rule(id: string, name: string, test: (event: EcsEvent) => boolean): CompiledSigmaRule {
  return {
    id,
    name,
    title: `Rule ${name}`,
    level: 'low',
    author: 'Jane Doe',
    references: ['https://example.org/a', 'https://github.com/SigmaHQ/sigma/blob/master/rules/x.yml'],
    tags: ['attack.credential-access', 'attack.t1110'],
    logsource: { product: 'linux', service: 'sshd' },
    taxonomy: 'sigma',
    falsepositives: [],
    file: `${name}.yml`,
    match: test,
  };
}

const failed = rule('r-failed', 'ssh_failed', (event) => event.event.outcome === 'failure');
const accepted = rule('r-ok', 'ssh_ok', (event) => event.event.outcome === 'success');
const BASE = Date.parse('2025-03-01T10:00:00Z');
let counter = 0;

function login(outcome: 'success' | 'failure', seconds: number, ip = '203.0.113.7', org = 'org-a'): EcsEvent {
  return {
    '@timestamp': new Date(BASE + seconds * 1000).toISOString(),
    event: { id: `e${++counter}`, outcome, original: 'z'.repeat(3000) },
    source: { ip },
    user: { name: 'root' },
    process: { name: 'sshd' },
    organization: { id: org },
  };
}

function correlation(doc: Record<string, unknown>) {
  const { correlations, problems } = compileCorrelations([{ file: 'c.yml', line: 1, doc }], [
    { id: 'r-failed', name: 'ssh_failed' },
    { id: 'r-ok', name: 'ssh_ok' },
  ]);
  expect(problems).to.deep.equal([]);
  return correlations;
}

describe('detectors > DetectionEngine', () => {
  it('turns a Sigma match into an alert with rule metadata, tags and trimmed evidence', () => {
    const engine = new DetectionEngine({ sigmaRules: [failed], correlations: [], iocLists: [] });
    const [alert] = engine.process(login('failure', 0));
    expect(alert!.rule).to.deep.equal({ id: 'r-failed', title: 'Rule ssh_failed', level: 'low', type: 'sigma', author: 'Jane Doe', reference: 'https://github.com/SigmaHQ/sigma/blob/master/rules/x.yml' });
    expect(alert!.organization).to.deep.equal({ id: 'org-a' });
    expect(alert!.tags).to.include('attack.t1110');
    expect(alert!.events![0]!.event.original).to.have.length(2048);
    expect(alert!['@timestamp']).to.equal(new Date(BASE).toISOString());
  });

  it('keeps referenced rules silent and emits the correlation alert', () => {
    const correlations = correlation({ title: 'Guessing', id: 'c-guess', level: 'high', correlation: { type: 'event_count', rules: ['ssh_failed'], 'group-by': ['source.ip', 'organization.id'], timespan: '5m', condition: { gte: 3 } } });
    const engine = new DetectionEngine({ sigmaRules: [failed], correlations, iocLists: [] });
    const alerts = [0, 10, 20].flatMap((seconds) => engine.process(login('failure', seconds)));
    expect(alerts.map((alert) => alert.rule.id)).to.deep.equal(['c-guess']);
    expect(alerts[0]!.rule).to.include({ type: 'correlation', level: 'high' });
    expect(alerts[0]!.group).to.deep.equal({ 'source.ip': '203.0.113.7', 'organization.id': 'org-a' });
    expect(alerts[0]!.event_ids).to.have.length(3);
    expect(alerts[0]!.organization.id).to.equal('org-a');
  });

  it('lets referenced rules alert too with generate: true', () => {
    const correlations = correlation({ title: 'Guessing', id: 'c-guess', generate: true, correlation: { type: 'event_count', rules: ['ssh_failed'], 'group-by': ['source.ip'], timespan: '5m', condition: { gte: 2 } } });
    const engine = new DetectionEngine({ sigmaRules: [failed], correlations, iocLists: [] });
    const alerts = [0, 10].flatMap((seconds) => engine.process(login('failure', seconds)));
    expect(alerts.map((alert) => alert.rule.id)).to.deep.equal(['r-failed', 'c-guess']);
  });

  it('chains correlations: many failures followed by a success', () => {
    const many = { title: 'Many failed', name: 'many_failed', correlation: { type: 'event_count', rules: ['ssh_failed'], 'group-by': ['user.name'], timespan: '10m', condition: { gte: 3 } } };
    const then = { title: 'Guessed', id: 'c-then', level: 'critical', correlation: { type: 'temporal_ordered', rules: ['many_failed', 'ssh_ok'], 'group-by': ['user.name'], timespan: '10m' } };
    const { correlations, problems } = compileCorrelations(
      [
        { file: 'c.yml', line: 1, doc: many },
        { file: 'c.yml', line: 9, doc: then },
      ],
      [{ id: 'r-failed', name: 'ssh_failed' }, { id: 'r-ok', name: 'ssh_ok' }],
    );
    expect(problems).to.deep.equal([]);
    const engine = new DetectionEngine({ sigmaRules: [failed, accepted], correlations, iocLists: [] });
    const alerts = [...[0, 5, 10].flatMap((s) => engine.process(login('failure', s))), ...engine.process(login('success', 30)), ...engine.flush()];
    expect(alerts.map((alert) => alert.rule.id)).to.deep.equal(['c-then']);
    expect(alerts[0]!.event_ids).to.have.length(4);
  });

  it('reports a cross-organisation correlation with organization.id null and the list of organisations', () => {
    const correlations = correlation({ title: 'Spraying', id: 'c-spray', correlation: { type: 'value_count', rules: ['ssh_failed'], 'group-by': ['source.ip'], timespan: '1h', condition: { field: 'organization.id', gte: 3 } } });
    const engine = new DetectionEngine({ sigmaRules: [failed], correlations, iocLists: [] });
    const alerts = ['org-b', 'org-a', 'org-c'].flatMap((org, i) => engine.process(login('failure', i, '198.51.100.4', org)));
    expect(alerts).to.have.length(1);
    expect(alerts[0]!.organization).to.deep.equal({ id: null, ids: ['org-a', 'org-b', 'org-c'] });
  });

  it('folds repeats of a single-event rule and flushes the pending batch at the end', () => {
    const engine = new DetectionEngine({ sigmaRules: [failed], correlations: [], iocLists: [] });
    const alerts = [0, 1, 2, 3].flatMap((seconds) => engine.process(login('failure', seconds)));
    expect(alerts).to.have.length(1);
    const rest = engine.flush();
    expect(rest).to.have.length(1);
    expect(rest[0]!.alert.count).to.equal(3);
    expect([...alerts, ...rest].flatMap((alert) => alert.event_ids)).to.have.length(4);
  });

  it('raises IOC alerts named after the list, grouped by the matching field', async () => {
    const { lists } = await loadIocLists(path.resolve('tests/fixtures/ioc'));
    const engine = new DetectionEngine({ sigmaRules: [], correlations: [], iocLists: lists });
    const [alert] = engine.process({ '@timestamp': '2025-03-01T10:00:00Z', event: { id: 'x1' }, destination: { ip: '203.0.113.7' }, organization: { id: 'org-a' } });
    expect(alert!.rule).to.include({ id: 'ioc-c2-test', type: 'ioc', level: 'critical' });
    expect(alert!.group).to.deep.equal({ 'destination.ip': '203.0.113.7' });
    expect(alert!.tags).to.include('attack.command-and-control');
  });

  it('produces the same alert ids when the same events are replayed', () => {
    const run = () => {
      const correlations = correlation({ title: 'Guessing', id: 'c-guess', correlation: { type: 'event_count', rules: ['ssh_failed'], 'group-by': ['source.ip'], timespan: '5m', condition: { gte: 2 } } });
      const engine = new DetectionEngine({ sigmaRules: [failed], correlations, iocLists: [] });
      const events = [0, 1, 2, 3].map((s) => ({ ...login('failure', s), event: { id: `fixed${s}`, outcome: 'failure' as const } }));
      return [...events.flatMap((event) => engine.process(event)), ...engine.flush()].map((alert) => alert.alert.id);
    };
    expect(run()).to.deep.equal(run());
  });
});
