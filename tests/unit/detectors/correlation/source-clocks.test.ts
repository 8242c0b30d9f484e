import { expect } from 'chai';
import { SourceClocks } from '../../../../detectors/correlation/source-clocks.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2025-03-10T08:00:00Z');
const WALL = Date.parse('2026-12-02T12:00:00Z');

describe('detectors > correlation > SourceClocks', () => {
  it('takes a batch shipped within the allowed lateness as on time', () => {
    const clocks = new SourceClocks(HOUR, 100);
    expect(clocks.isLate('org-a\u0000dc01', T0, WALL)).to.equal(false);
    // Forty minutes later the source delivers what it held back from the last forty minutes.
    expect(clocks.isLate('org-a\u0000dc01', T0 + 60_000, WALL + 40 * 60_000)).to.equal(false);
  });

  it('judges a batch held back beyond the lateness as late, from the source silent meanwhile', () => {
    const clocks = new SourceClocks(HOUR, 100);
    clocks.isLate('org-a\u0000dc01', T0, WALL);
    expect(clocks.isLate('org-a\u0000dc01', T0 + 60_000, WALL + 3 * HOUR)).to.equal(true);
  });

  it('judges an event late behind newer events of its own source, not of others', () => {
    const clocks = new SourceClocks(HOUR, 100);
    clocks.isLate('org-a\u0000dc01', T0 + 2 * HOUR, WALL);
    clocks.isLate('org-b\u0000fw', T0 + 9 * HOUR, WALL);
    expect(clocks.isLate('org-a\u0000dc01', T0 + 30 * 60_000, WALL)).to.equal(true);
    expect(clocks.isLate('org-a\u0000dc01', T0 + 90 * 60_000, WALL)).to.equal(false);
    expect(clocks.isLate('org-c\u0000dc01', T0, WALL)).to.equal(false);
  });

  it('never judges a source whose clock is consistently behind as late', () => {
    const clocks = new SourceClocks(HOUR, 100);
    const behind = T0 - 5 * HOUR;
    for (let minute = 0; minute < 180; minute++) expect(clocks.isLate('org-a\u0000old-pc', behind + minute * 60_000, WALL + minute * 60_000)).to.equal(false);
  });

  it('forgets the longest silent source beyond its bound', () => {
    const clocks = new SourceClocks(HOUR, 2);
    clocks.isLate('a', T0, WALL);
    clocks.isLate('b', T0, WALL);
    clocks.isLate('a', T0 + 1, WALL);
    clocks.isLate('c', T0, WALL);
    expect(clocks.size).to.equal(2);
    expect(clocks.isLate('a', T0 - 5 * HOUR, WALL)).to.equal(true);
    // `b` was forgotten, so an old event of it starts it afresh instead of being late.
    expect(clocks.isLate('b', T0 - 5 * HOUR, WALL)).to.equal(false);
  });
});
