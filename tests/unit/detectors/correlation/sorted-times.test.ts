import { expect } from 'chai';
import { hasTimeBetween, maxCountInWindowWith, withTime } from '../../../../detectors/correlation/sorted-times.js';

/** withTime spelled out the plain way: insert, sort, drop the early ones, keep the latest `limit`. */
function expected(times: number[], time: number, before: number, limit = Number.POSITIVE_INFINITY): number[] {
  const kept = [...times, time].sort((a, b) => a - b).filter((t) => t >= before);
  return kept.slice(Math.max(0, kept.length - limit));
}

describe('detectors > correlation > sorted times', () => {
  describe('withTime', () => {
    const cases: [string, number[], number, number, number?][] = [
      ['appends an in-order time', [1, 2, 3], 4, 0],
      ['inserts an out-of-order time in order', [1, 5, 9], 6, 0],
      ['inserts before every time', [5, 6], 1, 0],
      ['puts an equal time after its equals', [1, 3, 3, 7], 3, 0],
      ['drops one time as one comes in', [1, 5, 9], 12, 2],
      ['drops several times', [1, 2, 3, 8, 9], 10, 4],
      ['drops everything but the new time', [1, 2, 3], 10, 5],
      ['drops a new time that is itself too early', [5, 6, 7], 2, 4],
      ['drops a too early time into an empty list', [], 2, 4],
      ['starts an empty list', [], 2, 0],
      ['keeps only the latest `limit`', [1, 2, 3], 4, 0, 3],
      ['drops the new time when it is the oldest past `limit`', [2, 3, 4], 1, 0, 3],
      ['applies the horizon before the limit', [1, 2, 3], 4, 2, 3],
      ['keeps nothing with a limit of 0', [], 4, 0, 0],
    ];
    for (const [title, times, time, before, limit] of cases) {
      it(title, () => {
        const want = expected(times, time, before, limit);
        expect(withTime([...times], time, before, limit)).to.deep.equal(want);
      });
    }

    it('agrees with the plain definition on random sorted lists', () => {
      let seed = 42;
      const random = (below: number): number => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return Math.floor((seed / 2147483648) * below);
      };
      for (let round = 0; round < 2000; round++) {
        const limit = random(3) === 0 ? random(6) : Number.POSITIVE_INFINITY;
        const length = random(8);
        const times = Array.from({ length }, () => random(20)).sort((a, b) => a - b).slice(Math.max(0, length - limit));
        const time = random(24);
        const before = random(20);
        expect(withTime([...times], time, before, limit), JSON.stringify({ times, time, before, limit })).to.deep.equal(expected(times, time, before, limit));
      }
    });

    it('updates the list itself when its length stays, and leaves it alone when it must grow or shrink', () => {
      const steady = [1, 5, 9];
      expect(withTime(steady, 12, 2)).to.equal(steady);
      expect(steady).to.deep.equal([5, 9, 12]);

      const growing = [1, 5, 9];
      const grown = withTime(growing, 6, 0);
      expect(grown).to.not.equal(growing);
      expect(growing).to.deep.equal([1, 5, 9]);
      expect(grown).to.deep.equal([1, 5, 6, 9]);

      const shrinking = [1, 2, 3, 9];
      const shrunk = withTime(shrinking, 10, 5);
      expect(shrunk).to.not.equal(shrinking);
      expect(shrinking).to.deep.equal([1, 2, 3, 9]);
      expect(shrunk).to.deep.equal([9, 10]);
    });
  });

  describe('maxCountInWindowWith', () => {
    it('counts the fullest window that contains the time, edges included', () => {
      expect(maxCountInWindowWith([0, 10, 20, 30], 20, 10)).to.equal(2);
      expect(maxCountInWindowWith([0, 10, 20, 30], 20, 20)).to.equal(3);
      expect(maxCountInWindowWith([0, 1, 2, 50], 50, 10)).to.equal(1);
    });
  });

  describe('hasTimeBetween', () => {
    it('includes both ends', () => {
      expect(hasTimeBetween([5], 5, 9)).to.equal(true);
      expect(hasTimeBetween([9], 5, 9)).to.equal(true);
      expect(hasTimeBetween([4, 10], 5, 9)).to.equal(false);
      expect(hasTimeBetween([], 5, 9)).to.equal(false);
    });
  });
});
