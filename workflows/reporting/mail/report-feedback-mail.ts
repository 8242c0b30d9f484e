import type { ReportPhase } from '../../../core/domain/report.js';
import type { MailTemplate } from '../../notifications/mail-template.js';
import { phaseLabel } from './phase-label.js';

export interface ReportFeedbackData {
  organisationName: string;
  phase: ReportPhase;
  authorName: string;
  body: string;
  link?: string;
}

export const reportFeedbackMail: MailTemplate<ReportFeedbackData> = {
  render(data, locale) {
    const phase = phaseLabel(data.phase, locale);
    const link = data.link === undefined ? {} : { link: { label: locale === 'de' ? 'Zur Meldung' : 'Open the report', url: data.link } };
    if (locale === 'de') {
      return { subject: `Rückmeldung des CERT zur ${phase}`, paragraphs: [`${data.authorName} (CERT) zur ${phase} von ${data.organisationName}:`, data.body], ...link };
    }
    return { subject: `CERT feedback on the ${phase}`, paragraphs: [`${data.authorName} (CERT) on the ${phase} of ${data.organisationName}:`, data.body], ...link };
  },
};
