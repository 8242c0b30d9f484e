import type { Warning, WarningDelivery } from '../../core/domain/warning.js';
import { NotFoundError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { auditChange } from '../triage/audit-change.js';
import type { WarningDeps } from './warning-deps.js';
import { warningViewer } from './warning-viewer.js';

export interface WarningView {
  warning: Warning;
  /** The caller's own organisation's delivery, or every delivery for the CERT. */
  deliveries: WarningDelivery[];
}

/** Opening a warning is how an organisation reads it: the first open by one of its people marks it read. */
export async function readWarning(deps: WarningDeps, actor: Principal, id: string): Promise<WarningView> {
  const warning = await deps.store.warnings.get(id, warningViewer(actor));
  if (!warning) throw new NotFoundError('warning');
  if (actor.scope.kind === 'organisation') {
    const organizationId = actor.scope.organizationId;
    if (await deps.store.warningDeliveries.markRead(id, organizationId, actor.userId, deps.clock.now().toISOString())) {
      await auditChange(deps, actor.username, { action: 'warning.read', objectType: 'warning', objectId: id, organizationId });
    }
  }
  return { warning, deliveries: await deps.store.warningDeliveries.list(id, actor.scope) };
}
