import { expect } from 'chai';
import { isoTime } from '../../../collectors/iso-time.js';

describe('collectors > iso-time', () => {
  it('writes what Date#toISOString writes, across days, years and the edges of a day', () => {
    const samples = [0, 1, 999, 86_399_999, 86_400_000, -1, -86_400_001, Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(0, 0, 1)];
    // A fixed walk over 300 years in uneven steps, so that consecutive calls hit and miss the cached day.
    for (let millis = Date.UTC(1900, 0, 1), step = 7_777_777; millis < Date.UTC(2200, 0, 1); millis += step, step = (step * 13) % 9_999_999_967) samples.push(millis, millis + 1);
    for (const millis of samples) expect(isoTime(millis), String(millis)).to.equal(new Date(millis).toISOString());
  });

  it('leaves years beyond four digits and invalid times to the builtin', () => {
    expect(isoTime(Date.UTC(10_000, 0, 1))).to.equal('+010000-01-01T00:00:00.000Z');
    expect(isoTime(Date.UTC(-1, 0, 1, 12))).to.equal('-000001-01-01T12:00:00.000Z');
    expect(() => isoTime(Number.NaN)).to.throw(RangeError);
  });
});
