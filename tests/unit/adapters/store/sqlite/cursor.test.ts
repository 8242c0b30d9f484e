import { expect } from 'chai';
import { decodeCursor, encodeCursor } from '../../../../../adapters/store/sqlite/cursor.js';
import { ValidationError } from '../../../../../core/errors.js';

describe('adapters > store > sqlite > cursor', () => {
  it('round-trips a keyset position as URL-safe text', () => {
    const text = encodeCursor({ sort: 'severity', value: 3, id: 'inc/+=1' });
    expect(text).to.match(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text, 'severity')).to.deep.equal({ sort: 'severity', value: 3, id: 'inc/+=1' });
  });

  it('refuses a cursor issued for another sort or not issued at all', () => {
    const text = encodeCursor({ sort: 'severity', value: 3, id: 'inc-1' });
    expect(() => decodeCursor(text, 'lastSeen')).to.throw(ValidationError);
    expect(() => decodeCursor('%%%', 'lastSeen')).to.throw(ValidationError);
    expect(() => decodeCursor(Buffer.from('{"sort":"lastSeen"}').toString('base64url'), 'lastSeen')).to.throw(ValidationError);
  });
});
