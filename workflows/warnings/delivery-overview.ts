import { ALL } from '../../core/domain/scope.js';
import type { WarningDelivery } from '../../core/domain/warning.js';
import type { Principal } from '../auth/principal.js';
import { deliveryNames } from './delivery-names.js';
import { findWarning } from './find-warning.js';
import type { WarningDeps } from './warning-deps.js';

export interface DeliveryOverviewEntry extends WarningDelivery {
  organisationName: string;
  /** Who acknowledged, by name, for the analyst who calls to follow up. */
  acknowledgedByName: string | null;
}

export interface DeliveryOverview {
  warningId: string;
  trackingId: string | null;
  addressed: number;
  read: number;
  acknowledged: number;
  /** Addressed organisations that have not acknowledged, the list the CERT works through. */
  pending: string[];
  organisations: DeliveryOverviewEntry[];
}

export async function deliveryOverview(deps: WarningDeps, _actor: Principal, id: string): Promise<DeliveryOverview> {
  const warning = await findWarning(deps, id);
  const deliveries = await deps.store.warningDeliveries.list(id, ALL);
  const names = new Map((await deps.store.organisations.list(ALL)).map((organisation) => [organisation.id, organisation.name]));
  const people = await deliveryNames(deps.store, deliveries);
  const organisations: DeliveryOverviewEntry[] = deliveries.map((delivery) => ({
    ...delivery,
    organisationName: names.get(delivery.organizationId) ?? delivery.organizationId,
    acknowledgedByName: delivery.acknowledgedBy === null ? null : (people.get(delivery.acknowledgedBy) ?? null),
  }));
  return {
    warningId: id,
    trackingId: warning.trackingId,
    addressed: deliveries.length,
    read: deliveries.filter((delivery) => delivery.readAt !== null).length,
    acknowledged: deliveries.filter((delivery) => delivery.acknowledgedAt !== null).length,
    pending: deliveries.filter((delivery) => delivery.acknowledgedAt === null).map((delivery) => delivery.organizationId),
    organisations,
  };
}
