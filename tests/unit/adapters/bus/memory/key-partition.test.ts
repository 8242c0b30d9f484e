import { expect } from 'chai';
import { keyPartition } from '../../../../../adapters/bus/memory/key-partition.js';

describe('adapters > bus > memory > key-partition', () => {
  it('maps a key to the same partition every time and spreads many keys', () => {
    const used = new Set<number>();
    for (let i = 0; i < 100; i++) {
      const partition = keyPartition(`org-${i}`, 6);
      expect(partition).to.equal(keyPartition(`org-${i}`, 6));
      expect(partition).to.be.within(0, 5);
      used.add(partition);
    }
    expect(used.size).to.equal(6);
  });
});
