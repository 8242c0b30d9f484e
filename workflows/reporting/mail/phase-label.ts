import type { ReportPhase } from '../../../core/domain/report.js';
import type { Locale } from '../../notifications/mail-template.js';

const LABELS: Record<Locale, Record<ReportPhase, string>> = {
  de: { early_warning: 'Erstmeldung', notification: 'Meldung', intermediate: 'Zwischenmeldung', final: 'Abschlussmeldung' },
  en: { early_warning: 'early warning', notification: 'incident notification', intermediate: 'intermediate report', final: 'final report' },
};

export function phaseLabel(phase: ReportPhase, locale: Locale): string {
  return LABELS[locale][phase];
}
