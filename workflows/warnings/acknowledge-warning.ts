import type { WarningDelivery } from '../../core/domain/warning.js';
import { LagebildError, NotFoundError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { auditChange } from '../triage/audit-change.js';
import type { WarningDeps } from './warning-deps.js';
import { warningViewer } from './warning-viewer.js';

/** An organisation confirms the warning; the first confirmation counts, later ones change nothing. */
export async function acknowledgeWarning(deps: WarningDeps, actor: Principal, id: string): Promise<WarningDelivery> {
  if (actor.scope.kind !== 'organisation') throw new LagebildError('not_a_recipient', 'only a recipient organisation acknowledges a warning', { status: 403 });
  const organizationId = actor.scope.organizationId;
  const warning = await deps.store.warnings.get(id, warningViewer(actor));
  if (!warning) throw new NotFoundError('warning');
  const at = deps.clock.now().toISOString();
  const delivery = await deps.store.warningDeliveries.acknowledge(id, organizationId, actor.userId, at);
  if (!delivery) throw new NotFoundError('warning');
  if (delivery.acknowledgedAt === at && delivery.acknowledgedBy === actor.userId) {
    await auditChange(deps, actor.username, { action: 'warning.acknowledge', objectType: 'warning', objectId: id, organizationId, after: { acknowledgedAt: at } });
  }
  return delivery;
}
