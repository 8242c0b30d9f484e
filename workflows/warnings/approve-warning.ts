import type { Warning } from '../../core/domain/warning.js';
import { ConflictError, LagebildError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { auditChange } from '../triage/audit-change.js';
import type { WarningDeps } from './warning-deps.js';
import { findWarning } from './find-warning.js';

/** The four-eyes step: a second analyst, never the author, approves the draft as it stands. */
export async function approveWarning(deps: WarningDeps, actor: Principal, id: string): Promise<Warning> {
  const before = await findWarning(deps, id);
  if (before.status !== 'draft') throw new ConflictError(`the warning is ${before.status}, only a draft can be approved`);
  if (before.createdBy === actor.userId) throw new LagebildError('approver_is_author', 'the approval must come from another analyst than the author', { status: 403 });
  const now = deps.clock.now().toISOString();
  const after: Warning = { ...before, status: 'approved', approvedBy: actor.userId, approvedAt: now, updatedAt: now, version: before.version + 1 };
  await deps.store.warnings.replace(after, before.version);
  await auditChange(deps, actor.username, { action: 'warning.approve', objectType: 'warning', objectId: id, before: { status: before.status }, after: { status: after.status, approvedBy: actor.userId } });
  return after;
}
