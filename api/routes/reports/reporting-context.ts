import { reportingSettings } from '../../../workflows/reporting/reporting-settings.js';
import type { ReportingDeps } from '../../../workflows/reporting/reporting-deps.js';
import type { RouteContext } from '../../route-context.js';
import { unconfiguredMailer } from './unconfigured-mailer.js';

/** What the reporting use cases need, from what every router gets. */
export function reportingContext(context: RouteContext): ReportingDeps {
  return {
    store: context.store,
    clock: context.clock,
    mailer: context.mailer ?? unconfiguredMailer,
    logger: context.logger,
    settings: reportingSettings(context.config.publicUrl === undefined ? {} : { publicUrl: context.config.publicUrl }),
  };
}
