import type { Warning } from '../../../core/domain/warning.js';
import type { MailContent, MailTemplate } from '../../notifications/mail-template.js';

export interface WarningMailData {
  warning: Warning;
  organisationName: string;
  publisherName: string;
  /** Link to the warning in Lagebild, where it is acknowledged. */
  url?: string;
}

/** The warning itself, as it reaches the ISB and the recipients of one organisation. */
export const warningPublishedMail: MailTemplate<WarningMailData> = {
  render({ warning, organisationName, publisherName, url }, locale): MailContent {
    const german = locale === 'de';
    const products = warning.products.map((product) => `- ${product.vendor} ${product.product} ${product.versions.join(', ')}${product.cves.length > 0 ? ` (${product.cves.join(', ')})` : ''}`);
    const paragraphs = [
      german ? `${publisherName} warnt ${organisationName}: ${warning.title}` : `${publisherName} warns ${organisationName}: ${warning.title}`,
      `${german ? 'Schweregrad' : 'Severity'}: ${warning.severity} · ${german ? 'Kennung' : 'Tracking id'}: ${warning.trackingId ?? '-'}`,
      warning.summary,
    ];
    if (warning.details) paragraphs.push(warning.details);
    if (products.length > 0) paragraphs.push(`${german ? 'Betroffene Produkte' : 'Affected products'}:\n${products.join('\n')}`);
    if (warning.measures.length > 0) paragraphs.push(`${german ? 'Empfohlene Maßnahmen' : 'Recommended measures'}:\n${warning.measures.map((measure) => `- ${measure}`).join('\n')}`);
    if (warning.indicators.length > 0) paragraphs.push(`${german ? 'Indikatoren' : 'Indicators'}:\n${warning.indicators.map((indicator) => `- ${indicator.type}: ${indicator.value}`).join('\n')}`);
    paragraphs.push(german ? 'Bitte bestätigen Sie den Erhalt dieser Warnung in Lagebild.' : 'Please acknowledge this warning in Lagebild.');
    return {
      subject: `${german ? 'Warnmeldung' : 'Warning'} ${warning.trackingId ?? ''} (${warning.severity}): ${warning.title}`.replace(/\s+/g, ' '),
      paragraphs,
      ...(url ? { link: { label: german ? 'Warnung öffnen und bestätigen' : 'Open and acknowledge the warning', url } } : {}),
    };
  },
};
