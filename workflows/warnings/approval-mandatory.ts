import { severityRank, type WarningSeverity } from '../../core/domain/warning.js';
import type { WarningSettings } from './warning-settings.js';

/**
 * Four eyes by server rule: a warning this severe goes out only with a second analyst's approval,
 * whatever its author asked for (`LAGEBILD_WARNING_APPROVAL_MIN_SEVERITY`, default hoch).
 */
export function approvalMandatory(severity: WarningSeverity, settings: Pick<WarningSettings, 'approvalMinSeverity'>): boolean {
  return severityRank(severity) >= severityRank(settings.approvalMinSeverity);
}
