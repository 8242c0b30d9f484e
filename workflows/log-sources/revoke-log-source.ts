import { NotFoundError } from '../../core/errors.js';
import type { LogSource } from '../../core/ports/triage-stores.js';
import type { Principal } from '../auth/principal.js';
import { auditChange } from '../triage/audit-change.js';
import type { TriageDeps } from '../triage/triage-deps.js';

/** Revoking twice is not an error; only the first revocation is audited, as only it changes anything. */
export async function revokeLogSource(deps: TriageDeps, actor: Principal, id: string): Promise<LogSource> {
  const now = deps.clock.now().toISOString();
  const before = await deps.store.logSources.get(id, actor.scope);
  if (!before) throw new NotFoundError('log source');
  const after = await deps.store.logSources.revoke(id, now, actor.scope);
  if (!after) throw new NotFoundError('log source');
  if (before.revokedAt === null && after.revokedAt !== null) {
    await auditChange(deps, actor.username, {
      action: 'logsource.revoke',
      objectType: 'logsource',
      objectId: id,
      before: { revokedAt: null },
      after: { revokedAt: after.revokedAt },
      organizationId: after.organizationId,
    });
  }
  return after;
}
