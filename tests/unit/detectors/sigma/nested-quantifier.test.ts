import { expect } from 'chai';
import { findNestedQuantifier } from '../../../../detectors/sigma/nested-quantifier.js';

describe('detectors > sigma > nested-quantifier', () => {
  it('finds a group repeated without bound that holds a repetition', () => {
    expect(findNestedQuantifier('^(a+)+$')).to.equal(5);
    expect(findNestedQuantifier('(\\w*x)*')).to.equal(6);
    expect(findNestedQuantifier('(?:.*\\)){1,}')).to.equal(8);
    expect(findNestedQuantifier('((ab){2})+')).to.equal(9);
    expect(findNestedQuantifier('(a+?)*?')).to.equal(5);
  });

  it('leaves bounded outer repeats, single repeats, classes and escapes alone', () => {
    for (const safe of ['^(a|aa)+$', '([0-9a-f]{2}\\s?){2,20}', '(?:0[0-9]{1,11}\\.){3}', '(a?)+', '[(a+)]+', '\\(a+\\)+', '(?i)abc', '[^\\]]+(x)*', 'a{2,}b*']) {
      expect(findNestedQuantifier(safe), safe).to.equal(undefined);
    }
  });
});
