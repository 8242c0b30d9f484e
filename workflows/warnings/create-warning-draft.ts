import type { Warning } from '../../core/domain/warning.js';
import { newId } from '../../core/ids.js';
import type { Principal } from '../auth/principal.js';
import { auditChange } from '../triage/audit-change.js';
import { approvalMandatory } from './approval-mandatory.js';
import { checkContent, type WarningContent } from './warning-content.js';
import type { WarningDeps } from './warning-deps.js';

export async function createWarningDraft(deps: WarningDeps, actor: Principal, content: WarningContent, incidentId: string | null = null): Promise<Warning> {
  checkContent(content);
  const now = deps.clock.now().toISOString();
  const warning: Warning = {
    id: newId(),
    ...content,
    requiresApproval: content.requiresApproval || approvalMandatory(content.severity, deps.settings),
    incidentId,
    status: 'draft',
    createdBy: actor.userId,
    approvedBy: null,
    approvedAt: null,
    publishedBy: null,
    publishedAt: null,
    trackingId: null,
    organizationIds: [],
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await deps.store.warnings.create(warning);
  await auditChange(deps, actor.username, { action: 'warning.create', objectType: 'warning', objectId: warning.id, after: { title: warning.title, severity: warning.severity, tlp: warning.tlp, incidentId, requiresApproval: warning.requiresApproval } });
  return warning;
}
