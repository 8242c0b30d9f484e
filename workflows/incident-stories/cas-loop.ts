import { UnavailableError } from '../../core/errors.js';
import type { StoryStateStore } from '../../core/ports/stores.js';

/** Recorders racing on one organisation take turns within a few rounds; more means something is wrong. */
const MAX_ATTEMPTS = 50;

/**
 * Read the state, decide, write the new state only if nobody wrote in between; else decide again on
 * what the other writer left. The decision is only acted on once its state is stored.
 */
export async function casLoop<T extends { state: unknown }>(stories: StoryStateStore, key: string, decide: (stored: unknown) => Promise<T>): Promise<T> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const stored = await stories.read(key);
    const decision = await decide(stored?.state);
    if (await stories.write(key, decision.state, stored?.version)) return decision;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * Math.min(attempt, 10)));
  }
  throw new UnavailableError(`story state ${key} (stayed contended)`);
}
