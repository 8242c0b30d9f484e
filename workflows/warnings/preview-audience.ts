import { ALL } from '../../core/domain/scope.js';
import { deliveryOrganisations, type AddressedContent } from './delivery-organisations.js';
import type { WarningDeps } from './warning-deps.js';

export interface NamedOrganisation {
  id: string;
  name: string;
}

export interface AudiencePreview {
  count: number;
  /** By name, as the analyst reads them. */
  organisations: NamedOrganisation[];
}

/** Who would receive a warning addressed so, if it were published now: exactly what publishing delivers to. */
export async function previewAudience(deps: Pick<WarningDeps, 'store'>, content: AddressedContent): Promise<AudiencePreview> {
  const registry = await deps.store.organisations.list(ALL);
  const names = new Map(registry.map((organisation) => [organisation.id, organisation.name]));
  const organisations = (await deliveryOrganisations(deps, content, registry)).map((id) => ({ id, name: names.get(id) ?? id })).sort(byName);
  return { count: organisations.length, organisations };
}

export function byName(a: NamedOrganisation, b: NamedOrganisation): number {
  return a.name.localeCompare(b.name, 'de') || a.id.localeCompare(b.id);
}
