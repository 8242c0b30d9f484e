import type { Organisation } from '../../core/domain/organisation.js';
import type { Warning } from '../../core/domain/warning.js';
import { ValidationError } from '../../core/errors.js';
import { resolveAudience } from './resolve-audience.js';
import type { WarningDeps } from './warning-deps.js';

/** What decides who receives a warning; without a label it is not TLP:RED. */
export type AddressedContent = Pick<Warning, 'audience' | 'recipientUserIds'> & Partial<Pick<Warning, 'tlp'>>;

/**
 * The organisations a warning is delivered to if it is published now, sorted by id: its audience
 * in `registry`, and for TLP:RED only the organisations of the named people. Publishing and the
 * compose form's preview both ask this, so that the preview is what the delivery will be.
 */
export async function deliveryOrganisations(deps: Pick<WarningDeps, 'store'>, content: AddressedContent, registry: readonly Organisation[]): Promise<string[]> {
  const audience = resolveAudience(content.audience, registry);
  if (content.tlp !== 'TLP:RED') return audience;
  if (content.recipientUserIds.length === 0) throw new ValidationError('a TLP:RED warning must name its recipients', [{ path: 'recipientUserIds', message: 'name at least one person' }]);
  const organisations = new Set<string>();
  for (const userId of content.recipientUserIds) {
    const user = await deps.store.users.get(userId);
    const fits = user && !user.disabled && (user.role === 'officer' || user.role === 'recipient') && user.organizationId !== null && audience.includes(user.organizationId);
    if (!fits) throw new ValidationError('a named recipient is not a person of the audience', [{ path: 'recipientUserIds', message: `${userId} is unknown, disabled or outside the audience` }]);
    organisations.add(user.organizationId!);
  }
  return [...organisations].sort();
}
