import { expect } from 'chai';
import { sizeBoundedSlices } from '../../../../../adapters/bus/kafka/size-bounded-slices.js';

describe('adapters > bus > kafka > size-bounded slices', () => {
  const message = (index: number, bytes: number) => ({ key: 'org', value: `${index}:`.padEnd(bytes, 'x') });

  it('keeps every slice under the limit and the messages in their order', () => {
    const messages = Array.from({ length: 2000 }, (_, index) => message(index, 1000));
    const slices = sizeBoundedSlices(messages, 100_000);
    expect(slices.length).to.be.greaterThan(1);
    for (const slice of slices) expect(slice.reduce((sum, item) => sum + item.value.length + 64 + 3, 0)).to.be.at.most(100_000);
    expect(slices.flat()).to.deep.equal(messages);
  });

  it('puts a single message larger than the limit into a slice of its own', () => {
    const slices = sizeBoundedSlices([message(1, 10), message(2, 500), message(3, 10)], 100);
    expect(slices.map((slice) => slice.length)).to.deep.equal([1, 1, 1]);
  });
});
