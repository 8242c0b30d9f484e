import type { Suppression } from '../../core/domain/suppression.js';
import { NotFoundError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { auditChange } from '../triage/audit-change.js';
import type { SuppressionDeps } from './suppression-deps.js';

/**
 * Deleting expires the suppression now and keeps it, so that the record of what was silenced stays.
 * Deleting an expired one changes nothing and is not audited.
 */
export async function deleteSuppression(deps: SuppressionDeps, actor: Principal, id: string): Promise<Suppression> {
  const now = deps.clock.now().toISOString();
  const before = await deps.store.suppressions.get(id, actor.scope);
  if (!before) throw new NotFoundError('suppression');
  const after = await deps.store.suppressions.expire(id, now, actor.scope);
  if (!after) throw new NotFoundError('suppression');
  if (after.expiresAt !== before.expiresAt) {
    await auditChange(deps, actor.username, {
      action: 'suppression.delete',
      objectType: 'suppression',
      objectId: id,
      before: { expiresAt: before.expiresAt },
      after: { expiresAt: after.expiresAt },
      organizationId: after.organizationId,
    });
  }
  return after;
}
