import { expect } from 'chai';
import mappings from '../../../../detectors/sigma/field-mappings.json' with { type: 'json' };
import { fieldMapperFor, type FieldCandidate } from '../../../../detectors/sigma/field-mapping.js';
import { NeedleAutomaton } from '../../../../detectors/sigma/needle-automaton.js';
import { VALUE_FORMS } from '../../../../detectors/sigma/sigma-value-forms.js';

const paths = (candidates: readonly FieldCandidate[]): string[] => candidates.map((c) => c.path);

describe('detectors > sigma > fieldMapperFor', () => {
  it('maps Windows process creation fields to ECS, then winlog.event_data, then the raw name', () => {
    const map = fieldMapperFor({ product: 'windows', category: 'process_creation' }, 'sigma');
    expect(paths(map('CommandLine'))).to.deep.equal(['process.command_line', 'winlog.event_data.CommandLine', 'CommandLine']);
    expect(paths(map('Image'))).to.deep.equal(['NewProcessName', 'process.executable', 'winlog.event_data.Image', 'Image']);
    expect(paths(map('EventID'))).to.deep.equal(['event.code', 'winlog.event_data.EventID', 'EventID']);
  });
  it('chooses mappings by log source', () => {
    expect(paths(fieldMapperFor({ category: 'proxy' }, 'sigma')('c-useragent'))).to.deep.equal(['user_agent.original', 'c-useragent']);
    expect(paths(fieldMapperFor({ product: 'windows', service: 'security' }, 'sigma')('SubjectUserName'))).to.deep.equal([
      'user.name',
      'winlog.event_data.SubjectUserName',
      'SubjectUserName',
    ]);
  });
  it('names the value form of a transformed ECS field and marks stand-ins', () => {
    const network = fieldMapperFor({ product: 'windows', category: 'network_connection' }, 'sigma');
    expect(network('Initiated')).to.deep.equal([
      { path: 'network.direction', form: 'initiated-from-direction' },
      { path: 'winlog.event_data.Initiated' },
      { path: 'Initiated' },
    ]);
    expect(fieldMapperFor({ product: 'windows', service: 'security' }, 'sigma')('SubjectUserName')[0]).to.deep.equal({ path: 'user.name', standIn: true });
  });
  it('gives every value form it names a reader', () => {
    const forms = new Set<string>();
    for (const set of mappings.sets as { forms?: Record<string, string> }[]) for (const form of Object.values(set.forms ?? {})) forms.add(form);
    expect([...forms].filter((form) => !VALUE_FORMS.has(form))).to.deep.equal([]);
    expect(forms.size).to.be.greaterThan(5);
  });
  it('leaves names of ECS-taxonomy rules alone', () => {
    expect(fieldMapperFor({ product: 'windows' }, 'ecs')('process.name')).to.deep.equal([{ path: 'process.name' }]);
  });
});

describe('detectors > sigma > NeedleAutomaton', () => {
  it('finds every needle in one pass, overlapping ones included', () => {
    const automaton = new NeedleAutomaton(['he', 'she', 'hers', 'his', 'é']);
    const found: number[] = [];
    automaton.scan('ushers café', (id) => found.push(id));
    expect(found.sort()).to.deep.equal([0, 1, 2, 4]);
  });
});
