import type { ReportingStores } from './reporting-stores.js';
import type { Store } from './stores.js';
import type { TriageStores } from './triage-stores.js';
import type { WarningStores } from './warning-stores.js';

/** Every aggregate Lagebild keeps; each store adapter implements all of it. */
export type AppStore = Store & TriageStores & ReportingStores & WarningStores;
