import { expect } from 'chai';
import { WindowEntries } from '../../../../detectors/correlation/window-entries.js';

describe('detectors > correlation > WindowEntries', () => {
  it('keeps entries in time order whatever order they arrive in, and bounds them', () => {
    const entries = new WindowEntries();
    const dropped = [30, 10, 20, 15, 40].map((time) => entries.insert(time, `v${time}`, 4));
    expect(dropped).to.deep.equal([0, 0, 0, 0, 1]);
    expect(entries.times).to.deep.equal([15, 20, 30, 40]);
    expect(entries.values).to.deep.equal(['v15', 'v20', 'v30', 'v40']);
  });

  it('takes windows from the oldest entry on', () => {
    const entries = new WindowEntries();
    for (const time of [0, 5, 10, 11, 30]) entries.insert(time, time, 100);
    expect(entries.takeFirstWindow(10)).to.deep.equal({ end: 10, values: [0, 5, 10] });
    expect(entries.takeFirstWindow(10)).to.deep.equal({ end: 11, values: [11] });
    expect(entries.takeFirstWindow(10)).to.deep.equal({ end: 30, values: [30] });
    expect(entries.takeFirstWindow(10)).to.equal(undefined);
  });

  it('finds the largest sum of a window containing a time, and drops what is past the horizon', () => {
    const entries = new WindowEntries();
    for (const [time, amount] of [[0, 100], [5, 200], [12, 50], [14, 400], [40, 1]] as const) entries.insert(time, amount, 100);
    expect(entries.maxSumInWindowWith(14, 10)).to.equal(650);
    expect(entries.maxSumInWindowWith(0, 10)).to.equal(300);
    entries.dropBefore(12);
    expect(entries.times).to.deep.equal([12, 14, 40]);
    expect(entries.maxSumInWindowWith(40, 10)).to.equal(1);
  });
});
