import { expect } from 'chai';
import { attackStages } from '../../../../workflows/triage/attack-stages.js';
import { alert, event } from '../../../support/story-alerts.js';

describe('workflows > triage > attack-stages', () => {
  it('orders the stages by the kill chain, not by arrival, and each stage\'s alerts by time', () => {
    const stages = attackStages([
      alert('c2', 30, [event('e1', {})], { tags: ['attack.command-and-control'] }),
      alert('guess-late', 20, [event('e2', {})], { tags: ['attack.t1110'] }),
      alert('scan', 0, [event('e3', {})], { tags: ['attack.reconnaissance'] }),
      alert('guess', 5, [event('e4', {})], { tags: ['attack.credential_access'] }),
      alert('untagged', 7, [event('e5', {})]),
    ]);
    expect(stages).to.deep.equal([
      { tactic: 'reconnaissance', alertIds: ['scan'] },
      { tactic: 'credential-access', alertIds: ['guess', 'guess-late'] },
      { tactic: 'command-and-control', alertIds: ['c2'] },
    ]);
  });

  it('puts an alert whose rule names two tactics in both', () => {
    const stages = attackStages([alert('valid-account', 0, [event('e1', {})], { tags: ['attack.initial-access', 'attack.persistence'] })]);
    expect(stages.map((stage) => stage.tactic)).to.deep.equal(['initial-access', 'persistence']);
    expect(stages.every((stage) => stage.alertIds[0] === 'valid-account')).to.equal(true);
  });
});
