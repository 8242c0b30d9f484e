import type { Clock } from '../core/clock.js';
import type { Config } from '../core/config.js';
import type { Logger } from '../core/logging.js';
import type { MetricsRegistry } from '../core/metrics.js';
import type { Mailer } from '../core/ports/mailer.js';
import type { ReportingStores } from '../core/ports/reporting-stores.js';
import type { Store } from '../core/ports/stores.js';
import type { TriageStores } from '../core/ports/triage-stores.js';
import type { WarningStores } from '../core/ports/warning-stores.js';
import type { IngestHandler } from './ingest-handler.js';
import type { RulesCatalog } from '../core/ports/rules-catalog.js';

export interface ApiDeps {
  config: Config;
  store: Store & TriageStores & ReportingStores & WarningStores;
  /** Mail of the reporting workflow (obligations, feedback); without it those mails wait for the scheduler's retry. */
  mailer?: Mailer;
  clock: Clock;
  logger: Logger;
  metrics: MetricsRegistry;
  rules?: RulesCatalog;
  ingest?: IngestHandler;
  /** The parsers a log source may name (the collectors' registry); without it any name is taken. */
  parserNames?: readonly string[];
  /** The built UI (ui/dist); served at / with a fallback to index.html for client-side routes. */
  uiDir?: string;
  /** Each dependency the API needs → whether it answers now; /readyz is 503 while any is false. */
  readiness: () => Promise<Record<string, boolean>>;
}
