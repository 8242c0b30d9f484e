import type { Warning } from '../../core/domain/warning.js';
import { ConflictError, LagebildError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { auditChange, changedFields } from '../triage/audit-change.js';
import { approvalMandatory } from './approval-mandatory.js';
import { checkContent, type WarningContent } from './warning-content.js';
import type { WarningDeps } from './warning-deps.js';
import { findWarning } from './find-warning.js';

/** Only unpublished warnings change; a change withdraws an approval, because the approver saw other content. */
export async function updateWarningDraft(deps: WarningDeps, actor: Principal, id: string, expectedVersion: number, changes: Partial<WarningContent>): Promise<Warning> {
  const before = await findWarning(deps, id);
  if (before.status === 'published') throw new ConflictError('a published warning cannot be changed');
  if (before.version !== expectedVersion) throw new ConflictError(`warning ${id} was changed by someone else (now version ${before.version})`);
  const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<WarningContent>;
  const next: Warning = { ...before, ...defined, status: 'draft', approvedBy: null, approvedAt: null, updatedAt: deps.clock.now().toISOString(), version: before.version + 1 };
  const waiving = before.requiresApproval && defined.requiresApproval === false;
  if (waiving) assertWaivable(deps, actor, before, next);
  const after: Warning = { ...next, ...approvalAfter(deps, actor, before, next, waiving) };
  checkContent(after);
  await deps.store.warnings.replace(after, before.version);
  const { before: was, after: now } = changedFields(before, after);
  await auditChange(deps, actor.username, { action: waiving ? 'warning.waive_approval' : 'warning.update', objectType: 'warning', objectId: id, before: was, after: now });
  return after;
}

/** Four eyes: the author cannot excuse their own warning from the second look, and nobody can excuse a severe one. */
function assertWaivable(deps: WarningDeps, actor: Principal, before: Warning, next: Warning): void {
  if (before.createdBy === actor.userId) throw new LagebildError('approval_waiver_by_author', 'only another analyst than the author can waive the approval', { status: 403 });
  if (approvalMandatory(next.severity, deps.settings)) {
    throw new LagebildError('approval_mandatory', `warnings of severity ${deps.settings.approvalMinSeverity} and above always need a second analyst's approval`, { status: 409 });
  }
}

/**
 * Whether the changed draft needs approval, and whose waiver it carries. A waiver holds only for the
 * content its giver saw, so a change by anyone else brings the requirement back; a severity at or
 * above the threshold always does.
 */
function approvalAfter(deps: WarningDeps, actor: Principal, before: Warning, next: Warning, waiving: boolean): Pick<Warning, 'requiresApproval'> & Partial<Pick<Warning, 'approvalWaivedBy'>> {
  if (waiving) return { requiresApproval: false, approvalWaivedBy: actor.userId };
  const waiverLapses = Boolean(before.approvalWaivedBy) && before.approvalWaivedBy !== actor.userId;
  const requiresApproval = next.requiresApproval || waiverLapses || approvalMandatory(next.severity, deps.settings);
  return before.approvalWaivedBy && requiresApproval ? { requiresApproval, approvalWaivedBy: null } : { requiresApproval };
}
