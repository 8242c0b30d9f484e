import { expect } from 'chai';
import { ManualClock } from '../../../../core/clock.js';
import { LoginThrottle } from '../../../../workflows/auth/login-throttle.js';

describe('workflows > auth > login-throttle', () => {
  const limits = { maxFailuresPerUsername: 3, maxFailuresPerAddress: 5, windowMs: 60_000, lockoutMs: 120_000 };

  it('locks a username at the limit, case-insensitively, until the lockout ends', () => {
    const clock = new ManualClock('2025-01-01T00:00:00Z');
    const throttle = new LoginThrottle(clock, limits);
    throttle.recordFailure('Alice', '10.0.0.1');
    throttle.recordFailure('alice', '10.0.0.2');
    expect(throttle.retryAfterMs('alice', '10.0.0.3')).to.equal(0);
    throttle.recordFailure('ALICE', '10.0.0.3');
    expect(throttle.retryAfterMs('alice', '10.0.0.9')).to.equal(120_000);
    clock.advance(120_000);
    expect(throttle.retryAfterMs('alice', '10.0.0.9')).to.equal(0);
  });

  it('forgets failures older than the window', () => {
    const clock = new ManualClock('2025-01-01T00:00:00Z');
    const throttle = new LoginThrottle(clock, limits);
    throttle.recordFailure('bob', '10.0.0.1');
    throttle.recordFailure('bob', '10.0.0.1');
    clock.advance(61_000);
    throttle.recordFailure('bob', '10.0.0.1');
    expect(throttle.retryAfterMs('bob', '10.0.0.1')).to.equal(0);
  });

  it('locks an address spraying many usernames', () => {
    const clock = new ManualClock('2025-01-01T00:00:00Z');
    const throttle = new LoginThrottle(clock, limits);
    for (const name of ['a', 'b', 'c', 'd', 'e']) throttle.recordFailure(name, '192.0.2.1');
    expect(throttle.retryAfterMs('fresh-user', '192.0.2.1')).to.be.greaterThan(0);
    expect(throttle.retryAfterMs('fresh-user', '192.0.2.2')).to.equal(0);
  });

  it('a success clears the username\'s failures', () => {
    const clock = new ManualClock('2025-01-01T00:00:00Z');
    const throttle = new LoginThrottle(clock, limits);
    throttle.recordFailure('carol', '10.0.0.1');
    throttle.recordFailure('carol', '10.0.0.1');
    throttle.recordSuccess('carol');
    throttle.recordFailure('carol', '10.0.0.1');
    expect(throttle.retryAfterMs('carol', '10.0.0.7')).to.equal(0);
  });
});
