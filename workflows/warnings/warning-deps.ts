import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logging.js';
import type { Mailer } from '../../core/ports/mailer.js';
import type { Store } from '../../core/ports/stores.js';
import type { WarningStores } from '../../core/ports/warning-stores.js';
import type { WarningSettings } from './warning-settings.js';

export interface WarningDeps {
  store: Store & WarningStores;
  clock: Clock;
  logger: Logger;
  settings: WarningSettings;
  /** Needed only to publish; absent in deployments that have not wired mail (publishing then fails, nothing half-done). */
  mailer?: Mailer;
}
