import { expect } from 'chai';
import { assessStory, type StoryFacts } from '../../../../core/domain/story-risk.js';

const ONE_MEDIUM: StoryFacts = { maxLevel: 'medium', tactics: [], hosts: 1, accounts: 1, organisationCritical: false, alertCount: 1 };
const SIX_TACTICS = ['reconnaissance', 'credential-access', 'initial-access', 'privilege-escalation', 'persistence', 'command-and-control'];

describe('core > domain > story-risk', () => {
  it('keeps a single medium alert medium', () => {
    const risk = assessStory(ONE_MEDIUM);
    expect(risk.severity).to.equal('medium');
    expect(risk.reasons).to.deep.equal([{ code: 'max_rule_level', params: { level: 'medium' } }]);
  });

  it('keeps a single medium alert with one tactic medium', () => {
    expect(assessStory({ ...ONE_MEDIUM, tactics: ['credential-access'] }).severity).to.equal('medium');
  });

  it('rates the six-tactic chain of medium alerts critical and says why', () => {
    const risk = assessStory({ ...ONE_MEDIUM, tactics: SIX_TACTICS, alertCount: 6 });
    expect(risk.severity).to.equal('critical');
    expect(risk.score).to.be.at.least(80).and.at.most(100);
    expect(risk.reasons[0]).to.deep.equal({ code: 'tactics_chain', params: { count: 6, last: 'command-and-control' } });
  });

  it('never goes below the worst rule level', () => {
    expect(assessStory({ ...ONE_MEDIUM, maxLevel: 'critical' }).severity).to.equal('critical');
    expect(assessStory({ ...ONE_MEDIUM, maxLevel: 'high' }).severity).to.equal('high');
  });

  it('raises a critical organisation and names it', () => {
    const plain = assessStory({ ...ONE_MEDIUM, tactics: ['discovery', 'lateral-movement'] });
    const critical = assessStory({ ...ONE_MEDIUM, tactics: ['discovery', 'lateral-movement'], organisationCritical: true });
    expect(critical.score).to.be.greaterThan(plain.score);
    expect(plain.severity).to.equal('medium');
    expect(critical.severity).to.equal('high');
    expect(critical.reasons.map((reason) => reason.code)).to.include('critical_organisation');
    expect(plain.reasons.map((reason) => reason.code)).not.to.include('critical_organisation');
  });

  it('raises for more hosts and accounts and names their counts', () => {
    const spread = assessStory({ ...ONE_MEDIUM, hosts: 4, accounts: 3 });
    expect(spread.score).to.equal(assessStory(ONE_MEDIUM).score + 15 + 10);
    expect(spread.severity).to.equal('high');
    expect(spread.reasons).to.deep.include({ code: 'many_hosts', params: { count: 4 } });
    expect(spread.reasons).to.deep.include({ code: 'many_accounts', params: { count: 3 } });
  });

  it('never lowers the score when a tactic is added', () => {
    const all = ['reconnaissance', 'resource-development', 'initial-access', 'execution', 'persistence', 'privilege-escalation', 'defense-evasion', 'credential-access', 'discovery', 'lateral-movement', 'collection', 'command-and-control', 'exfiltration', 'impact'];
    for (const maxLevel of ['low', 'medium', 'high'] as const) {
      for (let start = 0; start < all.length; start += 1) {
        let tactics: string[] = [];
        let previous = assessStory({ ...ONE_MEDIUM, maxLevel, tactics }).score;
        for (let step = 0; step < all.length; step += 1) {
          tactics = [...tactics, all[(start + step * 5) % all.length] ?? ''];
          const score = assessStory({ ...ONE_MEDIUM, maxLevel, tactics }).score;
          expect(score, `${maxLevel} ${tactics.join(',')}`).to.be.at.least(previous);
          previous = score;
        }
      }
    }
  });

  it('scores integers from 0 to 100', () => {
    const quiet = assessStory({ ...ONE_MEDIUM, maxLevel: 'informational' });
    const worst = assessStory({ maxLevel: 'critical', tactics: SIX_TACTICS, hosts: 50, accounts: 50, organisationCritical: true, alertCount: 500 });
    expect(quiet).to.deep.equal({ score: 0, severity: 'informational', reasons: [{ code: 'max_rule_level', params: { level: 'informational' } }] });
    expect(worst.score).to.equal(100);
    expect(Number.isInteger(assessStory({ ...ONE_MEDIUM, tactics: ['execution'] }).score)).to.equal(true);
  });

  it('ignores unknown and repeated tactics', () => {
    expect(assessStory({ ...ONE_MEDIUM, tactics: ['discovery', 'discovery', 'made-up'] })).to.deep.equal(assessStory({ ...ONE_MEDIUM, tactics: ['discovery'] }));
  });

  it('lists the sustained alert count', () => {
    expect(assessStory({ ...ONE_MEDIUM, alertCount: 12 }).reasons).to.deep.include({ code: 'many_alerts', params: { count: 12 } });
  });
});
