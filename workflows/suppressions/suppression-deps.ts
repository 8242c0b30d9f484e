import type { Clock } from '../../core/clock.js';
import type { Store } from '../../core/ports/stores.js';

export interface SuppressionDeps {
  store: Pick<Store, 'suppressions' | 'organisations' | 'incidents' | 'audit'>;
  clock: Clock;
}
