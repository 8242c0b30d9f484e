import type { Warning } from '../../core/domain/warning.js';
import { ValidationError } from '../../core/errors.js';

/** What an analyst writes; everything else on a warning is the workflow's. */
export type WarningContent = Pick<
  Warning,
  'title' | 'summary' | 'details' | 'products' | 'measures' | 'severity' | 'tlp' | 'audience' | 'recipientUserIds' | 'indicators' | 'requiresApproval'
>;

/** Named people are how TLP:RED is kept to them; on any other label they would suggest a restriction that is not enforced. */
export function checkContent(content: WarningContent): void {
  if (content.recipientUserIds.length > 0 && content.tlp !== 'TLP:RED') {
    throw new ValidationError('named recipients are only for TLP:RED warnings', [{ path: 'recipientUserIds', message: 'use TLP:RED or remove the named recipients' }]);
  }
}
