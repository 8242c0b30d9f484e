import { expect } from 'chai';
import { hashPassword, verifyPassword } from '../../../../workflows/auth/password-hash.js';

describe('workflows > auth > password-hash', () => {
  it('stores scrypt with its parameters and a per-password salt', async () => {
    const first = await hashPassword('correct horse battery staple');
    const second = await hashPassword('correct horse battery staple');
    expect(first).to.match(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(first).not.to.equal(second);
  });

  it('verifies the right password and rejects a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple', { N: 1024, r: 8, p: 1 });
    expect(await verifyPassword('correct horse battery staple', stored)).to.equal(true);
    expect(await verifyPassword('correct horse battery stapl', stored)).to.equal(false);
  });

  it('rejects malformed and implausibly expensive stored hashes without computing them', async () => {
    const stored = await hashPassword('pw-pw-pw-pw-pw', { N: 1024, r: 8, p: 1 });
    expect(await verifyPassword('pw-pw-pw-pw-pw', 'plain-text')).to.equal(false);
    expect(await verifyPassword('pw-pw-pw-pw-pw', stored.replace('scrypt$1024$', 'scrypt$1073741824$'))).to.equal(false);
    expect(await verifyPassword('pw-pw-pw-pw-pw', stored.replace('scrypt$1024$', 'scrypt$1000$'))).to.equal(false);
  });
});
