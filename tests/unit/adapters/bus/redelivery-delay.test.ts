import { expect } from 'chai';
import { redeliveryDelay } from '../../../../adapters/bus/redelivery-delay.js';

describe('adapters > bus > redelivery-delay', () => {
  it('doubles with every failed attempt up to a cap', () => {
    const delays = [0, 1, 2, 3, 10, 50].map(redeliveryDelay);
    expect(delays.slice(0, 4)).to.deep.equal([100, 200, 400, 800]);
    expect(delays[4]).to.equal(10_000);
    expect(delays[5]).to.equal(10_000);
  });
});
