import { expect } from 'chai';
import { SqliteStore } from '../../../../adapters/store/sqlite/sqlite-store.js';
import { ManualClock } from '../../../../core/clock.js';
import { LagebildError } from '../../../../core/errors.js';
import { silentLogger } from '../../../../core/logging.js';
import { LoginThrottle } from '../../../../workflows/auth/login-throttle.js';

describe('workflows > auth > login-throttle', () => {
  const limits = { maxFailuresPerUsername: 3, maxFailuresPerAddress: 5, windowMs: 60_000, lockoutMs: 120_000 };
  let store: SqliteStore;
  let clock: ManualClock;
  let throttle: LoginThrottle;

  beforeEach(() => {
    store = new SqliteStore({ path: ':memory:', logger: silentLogger() });
    clock = new ManualClock('2025-01-01T00:00:00Z');
    throttle = new LoginThrottle(store.loginAttempts, clock, limits);
  });
  afterEach(() => store.close());

  /** The lock's Retry-After in seconds, or 0 when the attempt was let through (and so counted). */
  async function retryAfter(username: string, address: string): Promise<number> {
    try {
      await throttle.begin(username, address);
      return 0;
    } catch (error) {
      if (!(error instanceof LagebildError) || error.code !== 'login_locked') throw error;
      return (error.details as { retryAfterSeconds: number }).retryAfterSeconds;
    }
  }

  it('locks a username at the limit, case-insensitively, until the lockout ends', async () => {
    expect(await retryAfter('Alice', '10.0.0.1')).to.equal(0);
    expect(await retryAfter('alice', '10.0.0.2')).to.equal(0);
    expect(await retryAfter('ALICE', '10.0.0.3')).to.equal(0);
    expect(await retryAfter('alice', '10.0.0.9')).to.equal(120);
    clock.advance(120_000);
    expect(await retryAfter('alice', '10.0.0.9')).to.equal(0);
  });

  it('forgets attempts older than the window', async () => {
    await retryAfter('bob', '10.0.0.1');
    await retryAfter('bob', '10.0.0.1');
    clock.advance(61_000);
    expect(await retryAfter('bob', '10.0.0.1')).to.equal(0);
    expect(await retryAfter('bob', '10.0.0.1')).to.equal(0);
  });

  it('locks an address spraying many usernames, and only that address', async () => {
    for (const name of ['a', 'b', 'c', 'd', 'e']) expect(await retryAfter(name, '192.0.2.1')).to.equal(0);
    expect(await retryAfter('fresh-user', '192.0.2.1')).to.be.greaterThan(0);
    expect(await retryAfter('fresh-user', '192.0.2.2')).to.equal(0);
  });

  it('a success clears the username and does not count against the address', async () => {
    await retryAfter('carol', '10.0.0.1');
    await retryAfter('carol', '10.0.0.1');
    await throttle.succeeded('carol', await throttle.begin('carol', '10.0.0.1'));
    expect(await retryAfter('carol', '10.0.0.1')).to.equal(0);
    expect(await retryAfter('carol', '10.0.0.1')).to.equal(0);
    // Five attempts at 10.0.0.1 were made, but one succeeded: the address is not locked.
    expect(await retryAfter('dave', '10.0.0.1')).to.equal(0);
  });
});
