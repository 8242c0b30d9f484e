import type { Clock } from '../../core/clock.js';

export interface LoginThrottleLimits {
  /** Failed logins per username within `windowMs` before the username is locked. */
  maxFailuresPerUsername: number;
  /** Failed logins per client address within `windowMs` before the address is locked. */
  maxFailuresPerAddress: number;
  windowMs: number;
  lockoutMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginThrottleLimits = {
  maxFailuresPerUsername: 5,
  // Higher than per username: many users of one authority share a NAT address.
  maxFailuresPerAddress: 20,
  windowMs: 15 * 60_000,
  lockoutMs: 15 * 60_000,
};

/**
 * Sliding-window failure counts per username and per client address, with a lockout once a limit
 * is hit. Kept in memory: each API instance counts on its own, so N instances allow N times the
 * attempts — still a hard bound for online guessing. Unknown usernames are counted like known ones,
 * so the lockout reveals nothing about which accounts exist.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly lockedUntil = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly limits: LoginThrottleLimits = DEFAULT_LOGIN_LIMITS,
  ) {}

  /** Milliseconds until the caller may try again, or 0 when not locked. */
  retryAfterMs(username: string, address: string): number {
    const now = this.clock.now().getTime();
    const until = Math.max(this.lockedUntil.get(userKey(username)) ?? 0, this.lockedUntil.get(addressKey(address)) ?? 0);
    return Math.max(0, until - now);
  }

  recordFailure(username: string, address: string): void {
    this.count(userKey(username), this.limits.maxFailuresPerUsername);
    this.count(addressKey(address), this.limits.maxFailuresPerAddress);
  }

  recordSuccess(username: string): void {
    this.failures.delete(userKey(username));
    this.lockedUntil.delete(userKey(username));
  }

  private count(key: string, limit: number): void {
    const now = this.clock.now().getTime();
    const recent = (this.failures.get(key) ?? []).filter((at) => at > now - this.limits.windowMs);
    recent.push(now);
    if (recent.length >= limit) {
      this.lockedUntil.set(key, now + this.limits.lockoutMs);
      this.failures.delete(key);
      return;
    }
    this.failures.set(key, recent);
  }
}

function userKey(username: string): string {
  return `user:${username.toLowerCase()}`;
}

function addressKey(address: string): string {
  return `address:${address}`;
}
