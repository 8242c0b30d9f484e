import type { MailTemplate } from '../../notifications/mail-template.js';
import { mailTime } from './mail-time.js';

export interface IntermediateRequestedData {
  organisationName: string;
  dueAt: string;
  note: string;
  link?: string;
}

export const intermediateRequestedMail: MailTemplate<IntermediateRequestedData> = {
  render(data, locale) {
    const link = data.link === undefined ? {} : { link: { label: locale === 'de' ? 'Zur Meldung' : 'Open the report', url: data.link } };
    const note = data.note.trim() === '' ? [] : [data.note];
    if (locale === 'de') {
      return {
        subject: `Zwischenmeldung erbeten bis ${mailTime(data.dueAt, locale)}`,
        paragraphs: [`Der CERT bittet ${data.organisationName} um eine Zwischenmeldung bis ${mailTime(data.dueAt, locale)}.`, ...note],
        ...link,
      };
    }
    return {
      subject: `Intermediate report requested by ${mailTime(data.dueAt, locale)}`,
      paragraphs: [`The CERT asks ${data.organisationName} for an intermediate report by ${mailTime(data.dueAt, locale)}.`, ...note],
      ...link,
    };
  },
};
