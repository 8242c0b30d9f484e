import { expect } from 'chai';
import { zonedMillis } from '../../../../collectors/parsers/local-time.js';

const wall = (year: number, month: number, day: number, hour: number, minute = 0, second = 0) => ({ year, month, day, hour, minute, second });
const iso = (millis: number | undefined) => (millis === undefined ? undefined : new Date(millis).toISOString());

describe('collectors > parsers > local time', () => {
  it('reads winter and summer readings with the offset the zone had then', () => {
    expect(iso(zonedMillis(wall(2025, 1, 15, 12), 'Europe/Berlin'))).to.equal('2025-01-15T11:00:00.000Z');
    expect(iso(zonedMillis(wall(2025, 7, 15, 12), 'Europe/Berlin'))).to.equal('2025-07-15T10:00:00.000Z');
    expect(iso(zonedMillis(wall(2025, 7, 15, 12), 'UTC'))).to.equal('2025-07-15T12:00:00.000Z');
  });

  it('gets the hours right on both sides of a daylight-saving change', () => {
    expect(iso(zonedMillis(wall(2025, 3, 30, 1, 59, 59), 'Europe/Berlin'))).to.equal('2025-03-30T00:59:59.000Z');
    expect(iso(zonedMillis(wall(2025, 3, 30, 3), 'Europe/Berlin'))).to.equal('2025-03-30T01:00:00.000Z');
    expect(iso(zonedMillis(wall(2025, 10, 26, 4), 'Europe/Berlin'))).to.equal('2025-10-26T03:00:00.000Z');
  });

  it('gives an hour skipped in spring one of the instants next to it', () => {
    expect(['2025-03-30T00:30:00.000Z', '2025-03-30T01:30:00.000Z']).to.include(iso(zonedMillis(wall(2025, 3, 30, 2, 30), 'Europe/Berlin')));
  });

  it('refuses impossible dates and unknown zones', () => {
    expect(zonedMillis(wall(2025, 2, 30, 12), 'Europe/Berlin')).to.equal(undefined);
    expect(zonedMillis(wall(2025, 2, 1, 12), 'Mars/Olympus_Mons')).to.equal(undefined);
  });
});
