import type { Client } from '@elastic/elasticsearch';
import { UnavailableError } from '../../../core/errors.js';
import type { AttemptDecision, LoginAttempt, LoginAttemptStore, ThrottledKey } from '../../../core/ports/login-attempt-store.js';
import type { IndexNames } from './index-names.js';
import { isNotFound, isVersionConflict, translateError } from './translate-error.js';

/** One document per throttled key: the attempts within the window and the lock they caused. */
interface AttemptsDocument {
  key: string;
  attempts: { id: string; at: number }[];
  lockedUntil: number | null;
}

interface Versioned {
  document: AttemptsDocument;
  seqNo: number;
  primaryTerm: number;
}

/** What a decision writes (undefined: nothing) and what it answers. */
type Decision<T> = { next: AttemptsDocument | undefined; result: T };

/**
 * Parallel attempts on one key each win one round of the conditional write; a loser reads what the
 * winner wrote and decides again, and once the key is locked they stop writing. So the rounds a call
 * needs are bounded by the limit, far below this.
 */
const MAX_WRITE_ATTEMPTS = 100;

/**
 * Each key is a document read in realtime and written only if nobody wrote since that read
 * (`op_type: create` or `if_seq_no`/`if_primary_term`), so counting is atomic per key across every
 * API process. The keys of one attempt are reserved one after the other; when a later key refuses,
 * the earlier reservations are released again, so a refused attempt counts nowhere.
 */
export class EsLoginAttemptStore implements LoginAttemptStore {
  constructor(
    private readonly client: Client,
    private readonly names: IndexNames,
  ) {}

  async reserve(attempt: LoginAttempt): Promise<AttemptDecision> {
    const reserved: ThrottledKey[] = [];
    for (const throttled of attempt.keys) {
      const decision = await this.change(throttled.key, (current) => reserveOn(current, throttled, attempt));
      if (!decision.allowed) {
        await this.release({ ...attempt, keys: reserved });
        return decision;
      }
      reserved.push(throttled);
    }
    return { allowed: true };
  }

  async release(attempt: LoginAttempt): Promise<void> {
    for (const { key, limit } of attempt.keys) {
      await this.change(key, (current) => {
        if (current === undefined || !current.attempts.some((entry) => entry.id === attempt.id)) return { next: undefined, result: undefined };
        const attempts = current.attempts.filter((entry) => entry.id !== attempt.id);
        return { next: { key, attempts, lockedUntil: attempts.length < limit ? null : current.lockedUntil }, result: undefined };
      });
    }
  }

  async clear(key: string): Promise<void> {
    try {
      await this.client.delete({ index: this.names.loginAttempts, id: key, refresh: false });
    } catch (error) {
      if (!isNotFound(error)) throw translateError(error, 'login attempt store');
    }
  }

  private async change<T>(key: string, decide: (current: AttemptsDocument | undefined) => Decision<T>): Promise<T> {
    for (let round = 1; round <= MAX_WRITE_ATTEMPTS; round += 1) {
      const current = await this.read(key);
      const { next, result } = decide(current?.document);
      if (next === undefined) return result;
      try {
        await this.client.index({
          index: this.names.loginAttempts,
          id: key,
          document: next,
          refresh: false,
          ...(current === undefined ? { op_type: 'create' as const } : { if_seq_no: current.seqNo, if_primary_term: current.primaryTerm }),
        });
        return result;
      } catch (error) {
        if (!isVersionConflict(error)) throw translateError(error, 'login attempt store');
        // A jittered pause, as in the incident store, so that the losers of a round do not all collide again.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * Math.min(round, 10)));
      }
    }
    throw new UnavailableError('login attempt store (key stayed contended)');
  }

  private async read(key: string): Promise<Versioned | undefined> {
    try {
      const response = await this.client.get<AttemptsDocument>({ index: this.names.loginAttempts, id: key });
      if (!response.found || response._source === undefined || response._seq_no === undefined || response._primary_term === undefined) return undefined;
      return { document: response._source, seqNo: response._seq_no, primaryTerm: response._primary_term };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw translateError(error, 'login attempt store');
    }
  }
}

/** The same rules as the SQLite adapter: a lock refuses; after it ends the key starts afresh; the limit-th attempt locks. */
function reserveOn(current: AttemptsDocument | undefined, { key, limit }: ThrottledKey, attempt: LoginAttempt): Decision<AttemptDecision> {
  const now = attempt.at.getTime();
  if (current?.lockedUntil != null && current.lockedUntil > now) return { next: undefined, result: { allowed: false, retryAfterMs: current.lockedUntil - now } };
  const recent = current?.lockedUntil != null ? [] : (current?.attempts ?? []).filter((entry) => entry.at > now - attempt.windowMs);
  const attempts = [...recent, { id: attempt.id, at: now }];
  return { next: { key, attempts, lockedUntil: attempts.length >= limit ? now + attempt.lockoutMs : null }, result: { allowed: true } };
}
