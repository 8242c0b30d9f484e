import type { ReportPhase } from '../../../core/domain/report.js';
import type { MailTemplate } from '../../notifications/mail-template.js';
import { mailTime } from './mail-time.js';
import { phaseLabel } from './phase-label.js';

export interface DeadlineReminderData {
  organisationName: string;
  phase: ReportPhase;
  dueAt: string;
  link?: string;
}

export const deadlineReminderMail: MailTemplate<DeadlineReminderData> = {
  render(data, locale) {
    const phase = phaseLabel(data.phase, locale);
    const link = data.link === undefined ? {} : { link: { label: locale === 'de' ? 'Zur Meldung' : 'Open the report', url: data.link } };
    if (locale === 'de') {
      return {
        subject: `Erinnerung: ${phase} fällig am ${mailTime(data.dueAt, locale)}`,
        paragraphs: [`Die ${phase} von ${data.organisationName} ist fällig am ${mailTime(data.dueAt, locale)} und noch nicht eingereicht.`],
        ...link,
      };
    }
    return {
      subject: `Reminder: ${phase} due ${mailTime(data.dueAt, locale)}`,
      paragraphs: [`The ${phase} of ${data.organisationName} is due ${mailTime(data.dueAt, locale)} and has not been submitted yet.`],
      ...link,
    };
  },
};
