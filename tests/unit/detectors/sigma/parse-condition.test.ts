import { expect } from 'chai';
import { ConditionError } from '../../../../detectors/sigma/condition-error.js';
import { parseCondition } from '../../../../detectors/sigma/parse-condition.js';

describe('detectors > sigma > parseCondition', () => {
  it('binds not tighter than and, and tighter than or', () => {
    expect(parseCondition('a or not b and c')).to.deep.equal({
      type: 'or',
      children: [{ type: 'ref', name: 'a' }, { type: 'and', children: [{ type: 'not', child: { type: 'ref', name: 'b' } }, { type: 'ref', name: 'c' }] }],
    });
  });

  it('lets parentheses override precedence', () => {
    expect(parseCondition('(a or b) and c')).to.deep.equal({
      type: 'and',
      children: [{ type: 'or', children: [{ type: 'ref', name: 'a' }, { type: 'ref', name: 'b' }] }, { type: 'ref', name: 'c' }],
    });
  });

  it('parses 1 of / all of with patterns and them', () => {
    expect(parseCondition('1 of selection_* and not all of filter*')).to.deep.equal({
      type: 'and',
      children: [
        { type: 'of', quantifier: 'one', pattern: 'selection_*' },
        { type: 'not', child: { type: 'of', quantifier: 'all', pattern: 'filter*' } },
      ],
    });
    expect(parseCondition('all of them')).to.deep.equal({ type: 'of', quantifier: 'all', pattern: null });
    expect(parseCondition('1 of them')).to.deep.equal({ type: 'of', quantifier: 'one', pattern: null });
  });

  it('accepts keywords in any case and nested parentheses', () => {
    expect(parseCondition('NOT ((a))')).to.deep.equal({ type: 'not', child: { type: 'ref', name: 'a' } });
  });

  for (const [condition, offset] of [
    ['a and', 5],
    ['(a or b', 7],
    ['a b', 2],
    ['a and or b', 6],
    ['selection | count() > 5', 10],
    ['', 0],
  ] as const) {
    it(`rejects "${condition}" with the offset of the problem`, () => {
      try {
        parseCondition(condition);
        expect.fail('should throw');
      } catch (err) {
        expect(err).to.be.instanceOf(ConditionError);
        expect((err as ConditionError).offset).to.equal(offset);
      }
    });
  }
});
