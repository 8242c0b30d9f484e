import type { WarningDelivery } from '../../core/domain/warning.js';
import type { Store } from '../../core/ports/stores.js';

/**
 * The people who read or acknowledged, by the name they go by (the display name, else the
 * username), keyed by user id: a warning's page names people, not ids. A deleted user has no entry.
 */
export async function deliveryNames(store: Pick<Store, 'users'>, deliveries: readonly WarningDelivery[]): Promise<Map<string, string>> {
  const ids = new Set(deliveries.flatMap((delivery) => [delivery.readBy, delivery.acknowledgedBy]).filter((id) => id !== null));
  const users = await Promise.all([...ids].map((id) => store.users.get(id)));
  return new Map(users.filter((user) => user !== undefined).map((user) => [user.id, user.displayName || user.username]));
}
