import { expect } from 'chai';
import { PartitionLog } from '../../../../../adapters/bus/memory/partition-log.js';

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

  it('never trims past its end', () => {
    const log = new PartitionLog();
    log.append('k', 'a', {});
    log.trimBefore(50);
    expect(log.firstOffset).to.equal(1);
    expect(log.nextOffset).to.equal(1);
  });
});
