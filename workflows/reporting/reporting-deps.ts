import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logging.js';
import type { Mailer } from '../../core/ports/mailer.js';
import type { ReportingStores } from '../../core/ports/reporting-stores.js';
import type { Store } from '../../core/ports/stores.js';
import type { ReportingSettings } from './reporting-settings.js';

export interface ReportingDeps {
  store: Store & ReportingStores;
  clock: Clock;
  mailer: Mailer;
  logger: Logger;
  settings: ReportingSettings;
}
