import type { Clock } from '../../core/clock.js';
import type { Store } from '../../core/ports/stores.js';
import type { TriageStores } from '../../core/ports/triage-stores.js';

export interface TriageDeps {
  store: Store & TriageStores;
  clock: Clock;
}
