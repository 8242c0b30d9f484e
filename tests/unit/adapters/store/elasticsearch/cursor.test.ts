import { expect } from 'chai';
import { decodeCursor, encodeCursor } from '../../../../../adapters/store/elasticsearch/cursor.js';
import { ValidationError } from '../../../../../core/errors.js';

describe('adapters > store > elasticsearch > cursor', () => {
  it('round-trips the sort values of the last hit', () => {
    const text = encodeCursor('lastSeen', [1740823200000, 'inc-7']);
    expect(decodeCursor(text, 'lastSeen')).to.deep.equal([1740823200000, 'inc-7']);
  });

  it('refuses a cursor of another sort or garbage', () => {
    expect(() => decodeCursor(encodeCursor('lastSeen', [1, 'a']), 'severity')).to.throw(ValidationError);
    expect(() => decodeCursor('bm90IGpzb24', 'severity')).to.throw(ValidationError);
  });
});
