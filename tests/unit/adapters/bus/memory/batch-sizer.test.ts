import { expect } from 'chai';
import { BatchSizer } from '../../../../../adapters/bus/memory/batch-sizer.js';

describe('adapters > bus > memory > batch sizer', () => {
  it('starts small and doubles after fast full batches up to the subscriber maximum', () => {
    const sizer = new BatchSizer(500, 50);
    const sizes = [sizer.next];
    for (let step = 0; step < 5; step++) {
      sizer.took(sizer.next, 5);
      sizes.push(sizer.next);
    }
    expect(sizes).to.deep.equal([64, 128, 256, 500, 500, 500]);
  });

  it('shrinks a slow batch to what fits the budget, never below one message', () => {
    const sizer = new BatchSizer(500, 50);
    sizer.took(64, 5);
    sizer.took(128, 400);
    expect(sizer.next).to.equal(16);
    sizer.took(16, 10_000);
    expect(sizer.next).to.equal(1);
  });

  it('learns nothing from a short batch that was fast or an empty one', () => {
    const sizer = new BatchSizer(500, 50);
    sizer.took(3, 1);
    sizer.took(0, 1_000);
    expect(sizer.next).to.equal(64);
  });

  it('never exceeds a maximum below the first size', () => {
    const sizer = new BatchSizer(4, 50);
    sizer.took(4, 1);
    expect(sizer.next).to.equal(4);
  });
});
