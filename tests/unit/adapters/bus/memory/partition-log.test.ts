import { expect } from 'chai';
import { messageBytes, PartitionLog } from '../../../../../adapters/bus/memory/partition-log.js';

describe('adapters > bus > memory > partition-log', () => {
  it('keeps offsets stable across trimming and compaction', () => {
    const log = new PartitionLog();
    for (let i = 0; i < 10_000; i++) log.append('k', String(i), {});
    log.trimBefore(9_000);
    expect(log.firstOffset).to.equal(9_000);
    expect(log.nextOffset).to.equal(10_000);
    expect(log.read(9_500, 2).map((m) => [m.offset, m.value])).to.deep.equal([
      [9_500, '9500'],
      [9_501, '9501'],
    ]);
    log.append('k', 'new', {});
    expect(log.read(10_000, 5).map((m) => m.value)).to.deep.equal(['new']);
  });

  it('reads no more than a byte budget allows, but always the first message however large', () => {
    const log = new PartitionLog();
    for (const size of [10, 10, 10, 5_000, 10]) log.append('k', 'x'.repeat(size), {});
    log.trimBefore(1);
    const sizes = (from: number, maxBytes: number) => log.read(from, 10, maxBytes).map((m) => m.value.length);
    const one = messageBytes('k', 'x'.repeat(10), {});
    expect(sizes(1, 2 * one)).to.deep.equal([10, 10]);
    expect(sizes(1, 2 * one + 1)).to.deep.equal([10, 10]);
    expect(sizes(1, 2 * one - 1)).to.deep.equal([10]);
    expect(sizes(3, 100)).to.deep.equal([5_000]);
    expect(sizes(3, Number.POSITIVE_INFINITY)).to.deep.equal([5_000, 10]);
    expect(log.read(5, 10, 100)).to.deep.equal([]);
  });

  it('never trims past its end', () => {
    const log = new PartitionLog();
    log.append('k', 'a', {});
    log.trimBefore(50);
    expect(log.firstOffset).to.equal(1);
    expect(log.nextOffset).to.equal(1);
  });
});
