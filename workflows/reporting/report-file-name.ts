import type { Report } from '../../core/domain/report.js';
import { phaseLabel } from './mail/phase-label.js';

/**
 * The name an export of the report is saved under, German like the document:
 * `meldung-radebeul-erstmeldung-5211bec8.json`. Organisation and phase tell the files of a desk
 * apart; the start of the id keeps two intermediate reports of one organisation apart.
 */
export function reportFileName(report: Pick<Report, 'id' | 'organizationId' | 'phase'>, extension: 'json' | 'html'): string {
  const parts = ['meldung', report.organizationId, phaseLabel(report.phase, 'de'), report.id.slice(0, 8)];
  // Only what is safe inside a quoted Content-Disposition filename and on any file system.
  return `${parts.map((part) => part.toLowerCase().replace(/[^a-z0-9-]+/g, '_')).join('-')}.${extension}`;
}
