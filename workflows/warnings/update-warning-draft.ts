import type { Warning } from '../../core/domain/warning.js';
import { ConflictError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { auditChange, changedFields } from '../triage/audit-change.js';
import { checkContent, type WarningContent } from './warning-content.js';
import type { WarningDeps } from './warning-deps.js';
import { findWarning } from './find-warning.js';

/** Only unpublished warnings change; a change withdraws an approval, because the approver saw other content. */
export async function updateWarningDraft(deps: WarningDeps, actor: Principal, id: string, expectedVersion: number, changes: Partial<WarningContent>): Promise<Warning> {
  const before = await findWarning(deps, id);
  if (before.status === 'published') throw new ConflictError('a published warning cannot be changed');
  if (before.version !== expectedVersion) throw new ConflictError(`warning ${id} was changed by someone else (now version ${before.version})`);
  const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<WarningContent>;
  const after: Warning = { ...before, ...defined, status: 'draft', approvedBy: null, approvedAt: null, updatedAt: deps.clock.now().toISOString(), version: before.version + 1 };
  checkContent(after);
  await deps.store.warnings.replace(after, before.version);
  const { before: was, after: now } = changedFields(before, after);
  await auditChange(deps, actor.username, { action: 'warning.update', objectType: 'warning', objectId: id, before: was, after: now });
  return after;
}
