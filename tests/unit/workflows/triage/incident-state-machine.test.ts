import { expect } from 'chai';
import { INCIDENT_STATUSES } from '../../../../core/domain/incident.js';
import { LagebildError } from '../../../../core/errors.js';
import { allowedTransitions, assertTransition, canTransition } from '../../../../workflows/triage/incident-state-machine.js';

describe('workflows > triage > incident-state-machine', () => {
  it('moves forward one step at a time', () => {
    const path = ['new', 'acknowledged', 'investigating', 'contained', 'resolved', 'closed'] as const;
    for (let i = 1; i < path.length; i += 1) expect(canTransition(path[i - 1]!, path[i]!), `${path[i - 1]} → ${path[i]}`).to.equal(true);
    expect(canTransition('new', 'resolved')).to.equal(false);
    expect(canTransition('acknowledged', 'new')).to.equal(false);
  });

  it('declares any open incident a false positive, and no finished one', () => {
    for (const open of ['new', 'acknowledged', 'investigating', 'contained'] as const) expect(canTransition(open, 'false_positive')).to.equal(true);
    expect(canTransition('resolved', 'false_positive')).to.equal(false);
    expect(canTransition('closed', 'false_positive')).to.equal(false);
  });

  it('reopens finished incidents into investigating', () => {
    for (const finished of ['resolved', 'closed', 'false_positive'] as const) expect(canTransition(finished, 'investigating')).to.equal(true);
  });

  it('throws invalid_transition (409) with the allowed next states', () => {
    try {
      assertTransition({ status: 'closed' }, 'new');
      expect.fail('should throw');
    } catch (error) {
      expect(error).to.be.instanceOf(LagebildError);
      expect(error).to.include({ code: 'invalid_transition', status: 409 });
      expect((error as LagebildError).details).to.deep.equal({ from: 'closed', to: 'new', allowed: ['investigating'] });
    }
    for (const status of INCIDENT_STATUSES) expect(() => assertTransition({ status }, status)).not.to.throw();
  });
});

describe('workflows > triage > incident state machine > merged incidents', () => {
  it('offers and accepts no transition for an incident merged into another', () => {
    expect(allowedTransitions({ status: 'closed', mergedInto: 'target' })).to.deep.equal([]);
    expect(() => assertTransition({ status: 'closed', mergedInto: 'target' }, 'investigating')).to.throw(/merged into target/);
    expect(allowedTransitions({ status: 'closed' })).to.deep.equal(['investigating']);
  });
});
