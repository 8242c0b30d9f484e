import type { WarningSeverity } from '../../core/domain/warning.js';
import type { Locale } from '../notifications/mail-template.js';

/** What the warning workflow needs to know about the CERT that publishes. */
export interface WarningSettings {
  /** CSAF publisher name and the name mails are signed with. */
  publisherName: string;
  /** CSAF `publisher.namespace`: a URL the publisher controls. */
  csafNamespace: string;
  /** First part of the tracking id: `<prefix>-YYYY-NNNN`. */
  trackingPrefix: string;
  locale: Locale;
  /** Base URL of the UI, for links in mails; without it mails carry no link. */
  publicUrl?: string;
  /** Warnings of this severity and above always need a second analyst's approval (approval-mandatory.ts). */
  approvalMinSeverity: WarningSeverity;
}

export const DEFAULT_WARNING_SETTINGS: Readonly<WarningSettings> = Object.freeze({
  publisherName: 'SAX.CERT',
  csafNamespace: 'https://www.cert.sachsen.de',
  trackingPrefix: 'SAXCERT',
  locale: 'de',
  approvalMinSeverity: 'hoch',
});
