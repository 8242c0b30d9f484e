import type { ReportingRegime } from '../../core/domain/organisation.js';
import type { Locale } from '../notifications/mail-template.js';

export interface PhaseDurations {
  earlyWarningHours: number;
  notificationHours: number;
  /** The final report is due this many calendar months after the notification was submitted (or due). */
  finalMonths: number;
  /** Used when the CERT asks for an intermediate report without naming a deadline. */
  intermediateDays: number;
}

export interface ReportingSettings {
  regimes: Record<ReportingRegime, PhaseDurations>;
  /** How long before a deadline the ISB is reminded. */
  reminderLeadHours: number;
  /** Where escalations and digests go; empty: the contacts of the organisations of kind `cert`. */
  certAddresses: string[];
  locale: Locale;
  /** Base URL of the UI, for links in mails. */
  publicUrl?: string;
}

/** NIS2 Art. 23 / § 32 BSIG, which Saxon practice mirrors (DOMAIN.md); both regimes start out alike. */
const STATUTORY: PhaseDurations = { earlyWarningHours: 24, notificationHours: 72, finalMonths: 1, intermediateDays: 7 };

export const DEFAULT_REPORTING_SETTINGS: ReportingSettings = {
  regimes: { section16: STATUTORY, section17: STATUTORY, none: STATUTORY },
  reminderLeadHours: 6,
  certAddresses: [],
  locale: 'de',
};

export function reportingSettings(overrides: Partial<ReportingSettings> = {}): ReportingSettings {
  return { ...DEFAULT_REPORTING_SETTINGS, ...overrides, regimes: { ...DEFAULT_REPORTING_SETTINGS.regimes, ...overrides.regimes } };
}
