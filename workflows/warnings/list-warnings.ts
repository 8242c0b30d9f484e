import type { Organisation } from '../../core/domain/organisation.js';
import { ALL } from '../../core/domain/scope.js';
import type { DeliveryTally, Warning } from '../../core/domain/warning.js';
import { LagebildError } from '../../core/errors.js';
import type { Page } from '../../core/ports/stores.js';
import type { WarningQuery } from '../../core/ports/warning-stores.js';
import type { Principal } from '../auth/principal.js';
import { deliveryOrganisations } from './delivery-organisations.js';
import type { WarningDeps } from './warning-deps.js';
import { warningViewer } from './warning-viewer.js';

export interface WarningListEntry {
  warning: Warning;
  /** The deliveries the caller may see: all of them for the CERT, their own organisation's otherwise; null before publication. */
  acknowledgement: DeliveryTally | null;
  /**
   * CERT only: how many organisations the audience reaches: those delivered to once published, those
   * it would reach now for a draft (null when it reaches none the registry knows, see resolveAudience).
   */
  audienceCount?: number | null;
}

/** The CERT's list of all warnings, or an organisation's inbox (the store applies which), each with how far its delivery has come. */
export async function listWarnings(deps: WarningDeps, actor: Principal, query: WarningQuery): Promise<Page<WarningListEntry>> {
  const page = await deps.store.warnings.list(query, warningViewer(actor));
  const tallies = await deps.store.warningDeliveries.tally(
    page.items.filter((warning) => warning.status === 'published').map((warning) => warning.id),
    actor.scope,
  );
  const registry = actor.scope.kind === 'all' && page.items.some((warning) => warning.status !== 'published') ? await deps.store.organisations.list(ALL) : [];
  const items = await Promise.all(
    page.items.map(async (warning): Promise<WarningListEntry> => {
      const acknowledgement = tallies.get(warning.id) ?? null;
      if (actor.scope.kind !== 'all') return { warning, acknowledgement };
      return { warning, acknowledgement, audienceCount: warning.status === 'published' ? warning.organizationIds.length : await reachNow(deps, warning, registry) };
    }),
  );
  return { ...page, items };
}

async function reachNow(deps: WarningDeps, warning: Warning, registry: readonly Organisation[]): Promise<number | null> {
  try {
    return (await deliveryOrganisations(deps, warning, registry)).length;
  } catch (error) {
    if (error instanceof LagebildError && error.status === 400) return null;
    throw error;
  }
}
