import type { Clock } from '../../core/clock.js';
import { ALL } from '../../core/domain/scope.js';
import type { Store } from '../../core/ports/stores.js';

/** A flag set in the registry reaches new alerts' incidents within this time. */
const REFRESH_MS = 60_000;

/**
 * The ids of the organisations the registry flags critical (KRITIS operators, core administration),
 * whose stories weigh more (core/domain/story-risk.ts). The recorder asks once per batch; the registry
 * is read at most once a minute, since 450 organisations change their flag rarely and a batch must
 * not pay a registry query.
 */
export function criticalOrganisations(store: Pick<Store, 'organisations'>, clock: Clock): () => Promise<ReadonlySet<string>> {
  let cached: { ids: ReadonlySet<string>; until: number } | undefined;
  return async () => {
    const now = clock.now().getTime();
    if (cached === undefined || now >= cached.until) {
      const organisations = await store.organisations.list(ALL);
      cached = { ids: new Set(organisations.filter((organisation) => organisation.critical).map((organisation) => organisation.id)), until: now + REFRESH_MS };
    }
    return cached.ids;
  };
}
