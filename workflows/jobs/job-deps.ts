import type { ReportingDeps } from '../reporting/reporting-deps.js';

export interface JobDeps extends ReportingDeps {
  /** Events older than this many days are deleted unless an alert references them. */
  retentionDays: number;
}
