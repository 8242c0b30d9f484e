import { expect } from 'chai';
import path from 'node:path';
import type { EcsEvent } from '../../../../core/domain/ecs.js';
import { loadRules } from '../../../../detectors/sigma/load-rules.js';
import type { CompiledSigmaRule } from '../../../../detectors/sigma/types.js';

const dir = path.resolve('tests/fixtures/sigma/filters');

const sysmon = (image: string, user: string): EcsEvent => ({ '@timestamp': '2026-01-01T00:00:00Z', Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1, Image: image, User: user }) as unknown as EcsEvent;
const sshd = (ip: string): EcsEvent => ({ '@timestamp': '2026-01-01T00:00:00Z', process: { name: 'sshd' }, message: `Failed password for root from ${ip}`, source: { ip } }) as unknown as EcsEvent;

describe('detectors > sigma > filters', () => {
  let rules: CompiledSigmaRule[];
  let problems: Awaited<ReturnType<typeof loadRules>>['problems'];
  const rule = (title: string): CompiledSigmaRule => rules.find((r) => r.title === title)!;

  before(async () => {
    ({ rules, problems } = await loadRules([dir]));
  });

  it('loads filter documents as filters, not as rules', () => {
    expect(rules.map((r) => r.title)).to.deep.equal(['Net user enumeration', 'Whoami', 'Hostname', 'Failed password (Linux)']);
  });

  it('narrows the rules it names, by id or by name, even when it loads before them', () => {
    expect(rule('Net user enumeration').match(sysmon('C:\\Windows\\System32\\net.exe', 'mueller'))).to.equal(true);
    expect(rule('Net user enumeration').match(sysmon('C:\\Windows\\System32\\net.exe', 'adm_mueller'))).to.equal(false);
    expect(rule('Whoami').match(sysmon('C:\\Windows\\System32\\whoami.exe', 'ADM_weber'))).to.equal(false);
    expect(rule('Whoami').match(sysmon('C:\\Windows\\System32\\whoami.exe', 'weber'))).to.equal(true);
  });

  it('leaves rules it does not name alone', () => {
    expect(rule('Hostname').match(sysmon('C:\\Windows\\System32\\hostname.exe', 'adm_mueller'))).to.equal(true);
  });

  it('with rules: any, narrows every rule of its log source', () => {
    expect(rule('Failed password (Linux)').match(sshd('198.51.100.7'))).to.equal(true);
    expect(rule('Failed password (Linux)').match(sshd('10.0.0.99'))).to.equal(false);
    expect(rule('Net user enumeration').match({ ...sysmon('C:\\net.exe', 'x'), source: { ip: '10.0.0.99' } } as EcsEvent)).to.equal(true);
  });

  it('warns, with the place, about a rule a filter names but that is not loaded', () => {
    expect(problems.map((p) => `${path.basename(p.file)}:${p.line}:${p.column} ${p.severity}`)).to.deep.equal(['mf_unknown_rule.yml:6:11 warning']);
    expect(problems[0]!.message).to.match(/names rule "00000000-0000-4000-8000-000000000000", which is not loaded/);
  });

  it('reports a filter without rules and with more than one condition as errors', async () => {
    const broken = await loadRules([path.resolve('tests/fixtures/sigma/filters-broken')]);
    expect(broken.rules).to.deep.equal([]);
    expect(broken.problems.map((p) => `${p.line}:${p.severity} ${p.message}`)).to.deep.equal([
      '5:error filter has no rules: name rule ids or names, or "any"',
      '8:error a filter has exactly one condition',
    ]);
  });
});
