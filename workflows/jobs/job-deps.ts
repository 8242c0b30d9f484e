import type { WarningStores } from '../../core/ports/warning-stores.js';
import type { ReportingDeps } from '../reporting/reporting-deps.js';
import type { EscalationConfig } from './escalate-warnings.js';

export interface JobDeps extends ReportingDeps {
  store: ReportingDeps['store'] & WarningStores;
  /** Events older than this many days are deleted unless an alert references them. */
  retentionDays: number;
  /** Untriaged informational/low incidents quiet for this many days are closed. */
  autoCloseQuietDays: number;
  warningEscalation: Omit<EscalationConfig, 'certAddresses'>;
}
