import type { Clock } from '../../core/clock.js';
import { LagebildError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { LoginAttempt, LoginAttemptStore } from '../../core/ports/login-attempt-store.js';

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
 * Sliding-window counts per username (case-insensitive) and per client address, with a lockout once
 * a limit is hit. Every password check is counted in the store before the password is verified and
 * forgiven when it was right: parallel attempts and several API instances share one count, so no
 * more than the limit of passwords is ever tried. Unknown usernames are counted like known ones, so
 * the lockout reveals nothing about which accounts exist.
 */
export class LoginThrottle {
  constructor(
    private readonly store: LoginAttemptStore,
    private readonly clock: Clock,
    private readonly limits: LoginThrottleLimits = DEFAULT_LOGIN_LIMITS,
  ) {}

  /** Counts an attempt before its password is checked; `login_locked` (429) when a limit is reached. */
  async begin(username: string, address: string): Promise<LoginAttempt> {
    const attempt: LoginAttempt = {
      id: newId(),
      keys: [
        { key: userKey(username), limit: this.limits.maxFailuresPerUsername },
        { key: addressKey(address), limit: this.limits.maxFailuresPerAddress },
      ],
      at: this.clock.now(),
      windowMs: this.limits.windowMs,
      lockoutMs: this.limits.lockoutMs,
    };
    const decision = await this.store.reserve(attempt);
    if (!decision.allowed) {
      throw new LagebildError('login_locked', 'too many failed logins; try again later', {
        status: 429,
        details: { retryAfterSeconds: Math.ceil(decision.retryAfterMs / 1000) },
      });
    }
    return attempt;
  }

  /** The password was right: the attempt stops counting, and the username's earlier failures are forgotten. */
  async succeeded(username: string, attempt: LoginAttempt): Promise<void> {
    await this.store.release(attempt);
    await this.store.clear(userKey(username));
  }
}

function userKey(username: string): string {
  return `user:${username.toLowerCase()}`;
}

function addressKey(address: string): string {
  return `address:${address}`;
}
