import { expect } from 'chai';
import type { LoginAttempt, LoginAttemptStore, ThrottledKey } from '../../core/ports/login-attempt-store.js';

export interface LoginAttemptStoresUnderTest {
  /** Two handles on the same storage (two connections, two clients), as two API processes have. */
  stores: [LoginAttemptStore, LoginAttemptStore];
  cleanup(): Promise<void>;
}

const WINDOW_MS = 15 * 60_000;
const LOCKOUT_MS = 10 * 60_000;
const START = Date.UTC(2025, 2, 1, 10, 0, 0);

let sequence = 0;
function attempt(keys: ThrottledKey[], atMs = 0): LoginAttempt {
  sequence += 1;
  return { id: `attempt-${sequence}`, keys, at: new Date(START + atMs), windowMs: WINDOW_MS, lockoutMs: LOCKOUT_MS };
}

const user = (limit = 3): ThrottledKey => ({ key: 'user:alice', limit });
const address = (limit = 5): ThrottledKey => ({ key: 'address:192.0.2.7', limit });

/** The login throttle's store (core/ports/login-attempt-store.ts); `factory` returns fresh, empty storage. */
export function loginAttemptStoreContract(name: string, factory: () => Promise<LoginAttemptStoresUnderTest>): void {
  describe(`contract > login attempt store > ${name}`, function () {
    this.timeout(60_000);
    let store: LoginAttemptStore;
    let other: LoginAttemptStore;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ stores: [store, other], cleanup } = await factory());
    });

    afterEach(async () => {
      await cleanup();
    });

    const allowed = async (candidate: LoginAttempt, on: LoginAttemptStore = store) => (await on.reserve(candidate)).allowed;

    it('allows attempts up to the limit, then refuses until the lockout ends, then starts afresh', async () => {
      for (let i = 0; i < 3; i += 1) expect(await allowed(attempt([user()], i * 1000))).to.equal(true);
      expect(await store.reserve(attempt([user()], 5000))).to.deep.equal({ allowed: false, retryAfterMs: LOCKOUT_MS - 3000 });
      expect(await allowed(attempt([user()], 2000 + LOCKOUT_MS - 1))).to.equal(false);
      for (let i = 0; i < 3; i += 1) expect(await allowed(attempt([user()], 2000 + LOCKOUT_MS + i))).to.equal(true);
      expect(await allowed(attempt([user()], 2000 + LOCKOUT_MS + 10))).to.equal(false);
    });

    it('counts only the attempts within the window', async () => {
      expect(await allowed(attempt([user()], 0))).to.equal(true);
      expect(await allowed(attempt([user()], 1000))).to.equal(true);
      expect(await allowed(attempt([user()], WINDOW_MS + 1))).to.equal(true);
      expect(await allowed(attempt([user()], WINDOW_MS + 2))).to.equal(true);
      expect(await allowed(attempt([user()], WINDOW_MS + 3))).to.equal(false);
    });

    it('refuses when any key is locked and then counts the attempt on none of them', async () => {
      for (let i = 0; i < 2; i += 1) expect(await allowed(attempt([{ key: 'user:bob', limit: 3 }, address(2)], i))).to.equal(true);
      for (let i = 0; i < 5; i += 1) expect(await allowed(attempt([user(), address(2)], 10 + i))).to.equal(false);
      // alice's count stayed at zero: three attempts from another address pass.
      for (let i = 0; i < 3; i += 1) expect(await allowed(attempt([user(), { key: 'address:198.51.100.1', limit: 5 }], 20 + i))).to.equal(true);
    });

    it('release takes a successful attempt back and lifts the lock it completed', async () => {
      const first = attempt([user(), address()], 0);
      const second = attempt([user(), address()], 1);
      const third = attempt([user(), address()], 2);
      for (const each of [first, second, third]) expect(await allowed(each)).to.equal(true);
      expect(await allowed(attempt([user(), address()], 3))).to.equal(false);
      await store.release(third);
      await store.release(third);
      expect(await allowed(attempt([user(), address()], 4))).to.equal(true);
      expect(await allowed(attempt([user(), address()], 5))).to.equal(false);
    });

    it('clear forgets a key and its lock, and no other key', async () => {
      for (let i = 0; i < 3; i += 1) await store.reserve(attempt([user(), address()], i));
      await store.clear('user:alice');
      await store.clear('user:never-seen');
      for (let i = 0; i < 2; i += 1) expect(await allowed(attempt([user(), address()], 10 + i))).to.equal(true);
      expect(await allowed(attempt([user(), address()], 20))).to.equal(false);
    });

    it('shares the counts between two handles on the same storage', async () => {
      expect(await allowed(attempt([user()], 0), store)).to.equal(true);
      expect(await allowed(attempt([user()], 1), other)).to.equal(true);
      expect(await allowed(attempt([user()], 2), store)).to.equal(true);
      expect(await allowed(attempt([user()], 3), other)).to.equal(false);
    });

    it('allows exactly the limit of many parallel attempts on one key, spread over both handles', async () => {
      const decisions = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? store : other).reserve(attempt([user(5)], 0))));
      expect(decisions.filter((decision) => decision.allowed)).to.have.length(5);
    });

    it('allows exactly the address limit of parallel attempts for many usernames from one address', async () => {
      const decisions = await Promise.all(
        Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? store : other).reserve(attempt([{ key: `user:spray-${i}`, limit: 5 }, address(8)], 0))),
      );
      expect(decisions.filter((decision) => decision.allowed)).to.have.length(8);
    });
  });
}
