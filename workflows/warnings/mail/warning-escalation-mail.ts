import type { Warning } from '../../../core/domain/warning.js';
import type { MailContent, MailTemplate } from '../../notifications/mail-template.js';

export interface EscalationMailData {
  warning: Warning;
  organisationName: string;
  deliveredAt: string;
  url?: string;
}

/** To the ISB's deputy and the CERT: a warning has not been acknowledged in time. */
export const warningEscalationMail: MailTemplate<EscalationMailData> = {
  render({ warning, organisationName, deliveredAt, url }, locale): MailContent {
    const german = locale === 'de';
    return {
      subject: german
        ? `Eskalation: Warnmeldung ${warning.trackingId ?? ''} von ${organisationName} nicht bestätigt`.replace(/\s+/g, ' ')
        : `Escalation: warning ${warning.trackingId ?? ''} not acknowledged by ${organisationName}`.replace(/\s+/g, ' '),
      paragraphs: [
        german
          ? `Die Warnmeldung „${warning.title}“ (Schweregrad ${warning.severity}) wurde ${organisationName} am ${deliveredAt} zugestellt und ist noch nicht bestätigt.`
          : `The warning "${warning.title}" (severity ${warning.severity}) was delivered to ${organisationName} at ${deliveredAt} and has not been acknowledged.`,
        warning.summary,
        german ? 'Bitte sorgen Sie für die Kenntnisnahme und Bestätigung.' : 'Please make sure it is read and acknowledged.',
      ],
      ...(url ? { link: { label: german ? 'Warnung öffnen' : 'Open the warning', url } } : {}),
    };
  },
};
