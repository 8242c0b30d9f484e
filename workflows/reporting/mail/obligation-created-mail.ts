import type { ReportPhase } from '../../../core/domain/report.js';
import type { MailTemplate } from '../../notifications/mail-template.js';
import { mailTime } from './mail-time.js';
import { phaseLabel } from './phase-label.js';

export interface ObligationCreatedData {
  organisationName: string;
  incidentTitle: string | null;
  awarenessAt: string;
  deadlines: { phase: ReportPhase; dueAt: string }[];
  link?: string;
}

export const obligationCreatedMail: MailTemplate<ObligationCreatedData> = {
  render(data, locale) {
    const lines = data.deadlines.map((deadline) => `- ${phaseLabel(deadline.phase, locale)}: ${mailTime(deadline.dueAt, locale)}`).join('\n');
    const link = data.link === undefined ? {} : { link: { label: locale === 'de' ? 'Zur Meldung' : 'Open the report', url: data.link } };
    if (locale === 'de') {
      return {
        subject: `Meldepflicht: ${data.organisationName}`,
        paragraphs: [
          `Der CERT bittet ${data.organisationName} um eine Meldung nach SächsISichG${data.incidentTitle ? ` zum Vorfall „${data.incidentTitle}“` : ''}.`,
          `Kenntnis seit: ${mailTime(data.awarenessAt, locale)}`,
          `Fristen:\n${lines}`,
        ],
        ...link,
      };
    }
    return {
      subject: `Reporting obligation: ${data.organisationName}`,
      paragraphs: [
        `The CERT asks ${data.organisationName} for a report under SächsISichG${data.incidentTitle ? ` on the incident "${data.incidentTitle}"` : ''}.`,
        `Aware since: ${mailTime(data.awarenessAt, locale)}`,
        `Deadlines:\n${lines}`,
      ],
      ...link,
    };
  },
};
