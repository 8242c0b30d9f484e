import type { ReportPhase, ReportTier } from '../../../core/domain/report.js';
import type { MailTemplate } from '../../notifications/mail-template.js';
import { phaseLabel } from './phase-label.js';

export interface ReportSubmittedData {
  organisationName: string;
  phase: ReportPhase;
  version: number;
  /** Null for an early warning, which comes before a first assessment. */
  tier: ReportTier | null;
  personalDataAffected: boolean;
  link?: string;
}

export const reportSubmittedMail: MailTemplate<ReportSubmittedData> = {
  render(data, locale) {
    const phase = phaseLabel(data.phase, locale);
    const link = data.link === undefined ? {} : { link: { label: locale === 'de' ? 'Zur Meldung' : 'Open the report', url: data.link } };
    const correction = data.version > 1;
    if (locale === 'de') {
      return {
        subject: `${correction ? `Korrektur (Version ${data.version})` : 'Eingang'}: ${phase} von ${data.organisationName}`,
        paragraphs: [
          `${data.organisationName} hat die ${phase} eingereicht (Version ${data.version}, Einstufung: ${data.tier ?? 'noch nicht eingeschätzt'}).`,
          ...(data.personalDataAffected ? ['Personenbezogene Daten sind betroffen: Meldung an die Sächsische Datenschutz- und Transparenzbeauftragte binnen 72 Stunden (Art. 33 DSGVO).'] : []),
        ],
        ...link,
      };
    }
    return {
      subject: `${correction ? `Correction (version ${data.version})` : 'Received'}: ${phase} of ${data.organisationName}`,
      paragraphs: [
        `${data.organisationName} submitted the ${phase} (version ${data.version}, tier: ${data.tier ?? 'not assessed yet'}).`,
        ...(data.personalDataAffected ? ['Personal data is affected: the data protection authority must be notified within 72 hours (GDPR Art. 33).'] : []),
      ],
      ...link,
    };
  },
};
