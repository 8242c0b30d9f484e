import { expect } from 'chai';
import path from 'node:path';
import { loadRules } from '../../../../detectors/sigma/load-rules.js';
import type { EcsEvent } from '../../../../core/domain/ecs.js';

const dir = path.resolve('tests/fixtures/sigma/loader');
const file = (name: string): string => path.join(dir, name);

describe('detectors > sigma > loadRules', () => {
  it('compiles rules, returns correlation documents raw and skips *.test.yml', async () => {
    const { rules, correlations } = await loadRules([dir]);
    expect(rules.map((r) => r.id)).to.deep.equal(['11111111-1111-4111-8111-111111111111']);
    const [rule] = rules;
    expect(rule).to.include({ name: 'failed_logon', title: 'Failed logon', level: 'low', author: 'Test Author', file: file('collection.yml') });
    expect(rule!.tags).to.deep.equal(['attack.t1110']);
    expect(rule!.logsource).to.deep.equal({ product: 'windows', service: 'security' });
    expect(rule!.match({ '@timestamp': 't', event: { id: 'x', code: '4625' } } as EcsEvent)).to.equal(true);
    expect(correlations).to.have.length(1);
    expect(correlations[0]).to.deep.include({ file: file('collection.yml'), line: 21 });
    expect(correlations[0]!.doc.correlation).to.deep.include({ type: 'event_count', timespan: '5m' });
  });

  it('collects every problem with file, line and column', async () => {
    const { problems } = await loadRules([file('broken.yml')]);
    const errors = problems.map((p) => `${path.basename(p.file)}:${p.line}:${p.column} ${p.message}`);
    expect(errors).to.deep.equal(['broken.yml:9:37 condition: missing ")"']);
  });

  it('reports all item problems of a rule, not only the first', async () => {
    const { writeFile, mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const tmp = await mkdtemp(path.join(tmpdir(), 'sigma-'));
    const text = (await import('node:fs')).readFileSync(file('broken.yml'), 'utf8').replace('(filter', 'selection');
    await writeFile(path.join(tmp, 'items.yml'), text);
    const { problems, rules } = await loadRules([tmp]);
    expect(rules).to.have.length(0);
    expect(problems.map((p) => [p.line, p.column, p.message.split(':')[0]])).to.deep.equal([
      [7, 24, 'unknown modifier "sparkle"'],
      [8, 25, 'invalid regular expression /(unclosed/'],
    ]);
  });

  it('reports a level outside the schema and unknown identifiers, both as errors', async () => {
    const { problems } = await loadRules([file('unknown_identifier.yml')]);
    expect(problems.map((p) => [p.severity, p.line, p.message])).to.deep.equal([
      ['error', 9, 'level "nonsense" is not one of informational, low, medium, high, critical'],
      ['error', 8, 'condition refers to unknown search identifier "filter"'],
    ]);
  });

  it('skips legacy action: global collections with a warning instead of failing', async () => {
    const { problems, rules } = await loadRules([file('legacy_global.yml')]);
    expect(rules).to.have.length(0);
    expect(problems[0]).to.include({ severity: 'warning', line: 1 });
    expect(problems[0]!.message).to.match(/legacy rule collection/);
  });

  it('reports YAML syntax errors with their position', async () => {
    const { problems } = await loadRules([file('bad_yaml.yml')]);
    expect(problems.length).to.be.greaterThan(0);
    expect(problems[0]).to.include({ severity: 'error' });
    expect(problems[0]!.message).to.match(/^YAML: /);
    expect(problems[0]!.line).to.be.greaterThan(1);
  });
});
