import { isSuppressionActive, type Suppression } from '../../core/domain/suppression.js';
import type { Principal } from '../auth/principal.js';
import type { SuppressionDeps } from './suppression-deps.js';

export interface ListedSuppression {
  suppression: Suppression;
  /** Expired ones stay listed (greyed in the UI) so that one can see what was silenced and when. */
  active: boolean;
}

/** Newest first, within the caller's scope (the store applies it). */
export async function listSuppressions(deps: SuppressionDeps, actor: Principal): Promise<ListedSuppression[]> {
  const now = deps.clock.now();
  return (await deps.store.suppressions.list(actor.scope)).map((suppression) => ({ suppression, active: isSuppressionActive(suppression, now) }));
}
