import { expect } from 'chai';
import { fieldMapperFor } from '../../../../detectors/sigma/fieldMapping.js';
import { NeedleAutomaton } from '../../../../detectors/sigma/needleAutomaton.js';

describe('detectors > sigma > fieldMapperFor', () => {
  it('maps Windows process creation fields to ECS, then winlog.event_data, then the raw name', () => {
    const map = fieldMapperFor({ product: 'windows', category: 'process_creation' }, 'sigma');
    expect(map('CommandLine')).to.deep.equal(['process.command_line', 'winlog.event_data.CommandLine', 'CommandLine']);
    expect(map('Image')).to.deep.equal(['NewProcessName', 'process.executable', 'winlog.event_data.Image', 'Image']);
    expect(map('EventID')).to.deep.equal(['event.code', 'winlog.event_data.EventID', 'EventID']);
  });
  it('chooses mappings by log source', () => {
    expect(fieldMapperFor({ category: 'proxy' }, 'sigma')('c-useragent')).to.deep.equal(['user_agent.original', 'c-useragent']);
    expect(fieldMapperFor({ product: 'windows', service: 'security' }, 'sigma')('SubjectUserName')).to.deep.equal([
      'user.name',
      'winlog.event_data.SubjectUserName',
      'SubjectUserName',
    ]);
  });
  it('leaves names of ECS-taxonomy rules alone', () => {
    expect(fieldMapperFor({ product: 'windows' }, 'ecs')('process.name')).to.deep.equal(['process.name']);
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
