import type { ReportPhase } from '../../../core/domain/report.js';
import type { MailTemplate } from '../../notifications/mail-template.js';
import { mailTime } from './mail-time.js';
import { phaseLabel } from './phase-label.js';

export interface OverdueEscalationData {
  organisationName: string;
  phase: ReportPhase;
  dueAt: string;
  link?: string;
}

export const overdueEscalationMail: MailTemplate<OverdueEscalationData> = {
  render(data, locale) {
    const phase = phaseLabel(data.phase, locale);
    const link = data.link === undefined ? {} : { link: { label: locale === 'de' ? 'Zur Meldepflicht' : 'Open the obligation', url: data.link } };
    if (locale === 'de') {
      return {
        subject: `Frist überschritten: ${phase} von ${data.organisationName}`,
        paragraphs: [`Die ${phase} von ${data.organisationName} war fällig am ${mailTime(data.dueAt, locale)} und ist nicht eingegangen.`, 'Bitte nehmen Sie Kontakt mit der Organisation auf.'],
        ...link,
      };
    }
    return {
      subject: `Deadline missed: ${phase} of ${data.organisationName}`,
      paragraphs: [`The ${phase} of ${data.organisationName} was due ${mailTime(data.dueAt, locale)} and has not arrived.`, 'Please contact the organisation.'],
      ...link,
    };
  },
};
