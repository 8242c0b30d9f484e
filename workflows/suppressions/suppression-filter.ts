import type { Clock } from '../../core/clock.js';
import type { Alert } from '../../core/domain/alert.js';
import { suppressionMatches, type Suppression } from '../../core/domain/suppression.js';
import type { SuppressionStore } from '../../core/ports/stores.js';

export const DEFAULT_SUPPRESSION_REFRESH_MS = 10_000;

export interface SuppressionFilter {
  /** The id of an active suppression that silences the alert, undefined when none does. */
  isSuppressed(alert: Alert): Promise<string | undefined>;
}

/**
 * Asks the store for the active suppressions at most every `refreshMs` and matches alerts against
 * that list in memory: the recorder asks for every alert. A new suppression or a deletion therefore
 * takes up to `refreshMs` to count; an expiry counts at once, as matching checks it per alert. A
 * failed refresh fails the call (the store's errors say whether to retry) and is tried again next call.
 */
export function createSuppressionFilter(options: { store: { suppressions: Pick<SuppressionStore, 'active'> }; clock: Clock; refreshMs?: number }): SuppressionFilter {
  const refreshMs = options.refreshMs ?? DEFAULT_SUPPRESSION_REFRESH_MS;
  let cached: Suppression[] = [];
  let loadedAt = Number.NEGATIVE_INFINITY;
  // Concurrent callers during a refresh share the one request.
  let loading: Promise<Suppression[]> | undefined;

  async function current(now: Date): Promise<Suppression[]> {
    if (now.getTime() - loadedAt < refreshMs) return cached;
    loading ??= options.store.suppressions.active(now).finally(() => {
      loading = undefined;
    });
    cached = await loading;
    loadedAt = now.getTime();
    return cached;
  }

  return {
    async isSuppressed(alert: Alert): Promise<string | undefined> {
      const now = options.clock.now();
      return (await current(now)).find((suppression) => suppressionMatches(suppression, alert, now))?.id;
    },
  };
}
