import { expect } from 'chai';
import { firingThreshold, type CompiledCorrelation } from '../../../../detectors/correlation/compiled-correlation.js';
import { countCondition, satisfies, type CountOperator } from '../../../../detectors/correlation/count-condition.js';

function correlationWith(terms: { operator: CountOperator; value: number }[]): CompiledCorrelation {
  return { condition: countCondition(terms) } as CompiledCorrelation;
}

describe('detectors > correlation > firingThreshold', () => {
  const conditions: { operator: CountOperator; value: number }[][] = [
    [{ operator: 'gte', value: 3 }],
    [{ operator: 'gt', value: 3 }],
    [{ operator: 'gte', value: 2.5 }],
    [{ operator: 'gt', value: 2.5 }],
    [{ operator: 'gte', value: 0 }],
    [{ operator: 'gt', value: -1 }],
    [{ operator: 'gte', value: 2 }, { operator: 'gt', value: 4 }],
  ];
  for (const terms of conditions) {
    it(`is the least count that satisfies ${JSON.stringify(terms)}`, () => {
      const correlation = correlationWith(terms);
      const threshold = firingThreshold(correlation);
      for (let count = 0; count <= 8; count++) expect(count >= threshold, `count ${count}`).to.equal(satisfies(correlation.condition, count));
    });
  }
});
