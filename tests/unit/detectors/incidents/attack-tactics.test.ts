import { expect } from 'chai';
import { ATTACK_TACTICS } from '../../../../core/domain/attack-tactic.js';
import { tacticsOf } from '../../../../detectors/incidents/attack-tactics.js';

describe('detectors > incidents > attack-tactics', () => {
  it('lists the fourteen enterprise tactics from reconnaissance to impact', () => {
    expect(ATTACK_TACTICS).to.have.length(14);
    expect(ATTACK_TACTICS[0]).to.equal('reconnaissance');
    expect(ATTACK_TACTICS.at(-1)).to.equal('impact');
  });

  it('maps tactic tags directly, including the underscore spelling of older rules', () => {
    expect(tacticsOf(['attack.credential-access'])).to.deep.equal(['credential-access']);
    expect(tacticsOf(['attack.credential_access', 'attack.Lateral_Movement'])).to.deep.equal(['credential-access', 'lateral-movement']);
  });

  it('maps technique ids through the generated table', () => {
    expect(tacticsOf(['attack.t1110'])).to.deep.equal(['credential-access']);
    expect(tacticsOf(['attack.t1595'])).to.deep.equal(['reconnaissance']);
  });

  it('falls back from a sub-technique to its parent', () => {
    expect(tacticsOf(['attack.t1110.001'])).to.deep.equal(['credential-access']);
    expect(tacticsOf(['attack.t1078.003'])).to.deep.equal(['initial-access', 'persistence', 'privilege-escalation', 'defense-evasion']);
  });

  it('returns kill-chain order without repeats', () => {
    expect(tacticsOf(['attack.command-and-control', 'attack.t1110', 'attack.reconnaissance', 'attack.credential-access', 'attack.t1071.001'])).to.deep.equal([
      'reconnaissance',
      'credential-access',
      'command-and-control',
    ]);
  });

  it('lets the tactics a rule names win over those its techniques would add', () => {
    expect(tacticsOf(['attack.initial-access', 'attack.t1078.003'])).to.deep.equal(['initial-access']);
    expect(tacticsOf(['attack.t1078.003', 'attack.cve.2021-1'])).to.have.length(4);
  });

  it('ignores other namespaces and unknown ids', () => {
    expect(tacticsOf(['cve.2021-44228', 'detection.threat-hunting', 'attack.t9999', 'attack.g0016', 'attack.s0002', 'tlp.white'])).to.deep.equal([]);
  });
});
