import { expect } from 'chai';
import { compileCorrelations } from '../../../../detectors/correlation/compile-correlations.js';
import { parseTimespan } from '../../../../detectors/correlation/timespan.js';

const known = [
  { id: 'r-failed', name: 'failed_login' },
  { id: 'r-success', name: 'successful_login' },
];

function doc(correlation: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { file: 'rules/correlation/x.yml', line: 3, doc: { title: 'T', id: 'c1', correlation, ...extra } };
}

describe('detectors > correlation > compileCorrelations', () => {
  it('resolves rules by name and id and reads group-by, timespan and condition', () => {
    const { correlations, problems } = compileCorrelations(
      [doc({ type: 'event_count', rules: ['failed_login', 'r-success'], 'group-by': ['source.ip'], timespan: '5m', condition: { gte: 10 } }, { level: 'high', generate: true })],
      known,
    );
    expect(problems).to.deep.equal([]);
    const [correlation] = correlations;
    expect(correlation!.ruleIds).to.deep.equal(['r-failed', 'r-success']);
    expect(correlation!.timespanMs).to.equal(300_000);
    expect(correlation!.condition.monotone).to.equal(true);
    expect(correlation!.level).to.equal('high');
    expect(correlation!.generate).to.equal(true);
  });

  it('reports every problem of a document with file and line', () => {
    const { correlations, problems } = compileCorrelations(
      [doc({ type: 'value_count', rules: ['nope'], timespan: '5 minutes', condition: { gte: 'x', between: 3 } })],
      known,
    );
    expect(correlations).to.have.length(0);
    const messages = problems.map((problem) => problem.message);
    expect(messages.some((message) => message.includes('unknown rule nope'))).to.equal(true);
    expect(messages.some((message) => message.includes('timespan'))).to.equal(true);
    expect(messages.some((message) => message.includes('condition.gte must be a number'))).to.equal(true);
    expect(messages.some((message) => message.includes('unknown operator between'))).to.equal(true);
    expect(messages.some((message) => message.includes('value_count needs condition.field'))).to.equal(true);
    expect(problems.every((problem) => problem.file === 'rules/correlation/x.yml' && problem.line === 3)).to.equal(true);
  });

  it('compiles the value_sum, value_avg and value_percentile types of Sigma 2.1 and requires their field', () => {
    for (const type of ['value_sum', 'value_avg', 'value_percentile']) {
      const { correlations, problems } = compileCorrelations([doc({ type, rules: ['failed_login'], 'group-by': ['user.name'], timespan: '1h', condition: { lte: 1, field: 'bytes' } })], known);
      expect(problems, type).to.deep.equal([]);
      expect(correlations[0]).to.include({ type, valueField: 'bytes' });
      const missing = compileCorrelations([doc({ type, rules: ['failed_login'], timespan: '1h', condition: { gt: 1 } })], known);
      expect(missing.problems.map((problem) => problem.message)).to.deep.equal([`${type} needs condition.field`]);
    }
  });

  it('takes a value_percentile condition as a share between 0 and 100', () => {
    const { problems } = compileCorrelations([doc({ type: 'value_percentile', rules: ['failed_login'], timespan: '1h', condition: { field: 'process.name', lte: 150 } })], known);
    expect(problems.map((problem) => problem.severity)).to.deep.equal(['error']);
  });

  it('resolves chains to other correlations and drops cycles', () => {
    const inner = { file: 'a.yml', line: 1, doc: { title: 'inner', name: 'many_failed', correlation: { type: 'event_count', rules: ['failed_login'], 'group-by': ['user.name'], timespan: '10m', condition: { gte: 3 } } } };
    const outer = { file: 'a.yml', line: 20, doc: { title: 'outer', id: 'outer', correlation: { type: 'temporal_ordered', rules: ['many_failed', 'successful_login'], 'group-by': ['user.name'], timespan: '10m' } } };
    const { correlations, problems } = compileCorrelations([inner, outer], known);
    expect(problems).to.deep.equal([]);
    expect(correlations.find((correlation) => correlation.id === 'outer')!.ruleIds).to.deep.equal(['many_failed', 'r-success']);

    const a = { file: 'b.yml', line: 1, doc: { title: 'a', name: 'a', correlation: { type: 'temporal', rules: ['b', 'failed_login'], timespan: '1m' } } };
    const b = { file: 'b.yml', line: 9, doc: { title: 'b', name: 'b', correlation: { type: 'temporal', rules: ['a', 'failed_login'], timespan: '1m' } } };
    const cyclic = compileCorrelations([a, b], known);
    expect(cyclic.correlations).to.have.length(0);
    expect(cyclic.problems.map((problem) => problem.message).join()).to.contain('chain');
  });

  it('maps aliases to the referenced rule ids and refuses unknown ones', () => {
    const good = compileCorrelations(
      [doc({ type: 'temporal', rules: ['failed_login', 'successful_login'], 'group-by': ['ip'], timespan: '10s', aliases: { ip: { failed_login: 'source.ip', successful_login: 'destination.ip' } } })],
      known,
    );
    expect(good.correlations[0]!.aliases.get('ip')!.get('r-success')).to.equal('destination.ip');
    const bad = compileCorrelations([doc({ type: 'temporal', rules: ['failed_login'], timespan: '10s', aliases: { ip: { other: 'source.ip' } } })], known);
    expect(bad.problems[0]!.message).to.contain('other is not one of the referenced rules');
  });

  it('parses timespans in s, m, h and d only', () => {
    expect(parseTimespan('30s')).to.equal(30_000);
    expect(parseTimespan('1d')).to.equal(86_400_000);
    expect(parseTimespan('1w')).to.equal(undefined);
    expect(parseTimespan('0m')).to.equal(undefined);
  });
});
