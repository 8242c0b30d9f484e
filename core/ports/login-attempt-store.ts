/** One counter the login throttle keeps: a username or a client address, each with its own limit. */
export interface ThrottledKey {
  key: string;
  /** Attempts within the window after which the key is locked. */
  limit: number;
}

/** A login attempt, counted before its password is checked. */
export interface LoginAttempt {
  id: string;
  keys: readonly ThrottledKey[];
  at: Date;
  windowMs: number;
  lockoutMs: number;
}

export type AttemptDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * The login throttle's counters, kept in the store so that every API instance sees the same counts.
 * Each attempt is counted before the password is verified, so that parallel attempts cannot all
 * pass the check before the first failure is recorded.
 */
export interface LoginAttemptStore {
  /**
   * Refuses the attempt when one of its keys is locked; otherwise counts it against every key and
   * locks each key whose count within the window reaches its limit (the attempt that reaches it is
   * still allowed). Atomic per key across processes: of N parallel attempts at most `limit` are allowed.
   */
  reserve(attempt: LoginAttempt): Promise<AttemptDecision>;
  /** The attempt succeeded: it no longer counts, and a lock it completed is lifted. */
  release(attempt: LoginAttempt): Promise<void>;
  /** Forgets every attempt and the lock of a key (a successful login clears its username). */
  clear(key: string): Promise<void>;
}
