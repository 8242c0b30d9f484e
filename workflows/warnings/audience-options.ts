import { ALL } from '../../core/domain/scope.js';
import { isCounty } from './county.js';
import { byName, type NamedOrganisation } from './preview-audience.js';
import type { WarningDeps } from './warning-deps.js';

/** What the compose form offers for each kind of audience, by name; the CERT is never among them. */
export interface AudienceOptions {
  counties: NamedOrganisation[];
  providers: NamedOrganisation[];
  organisations: NamedOrganisation[];
}

export async function audienceOptions(deps: Pick<WarningDeps, 'store'>): Promise<AudienceOptions> {
  const registry = await deps.store.organisations.list(ALL);
  const named = (keep: (organisation: (typeof registry)[number]) => boolean) =>
    registry
      .filter((organisation) => organisation.kind !== 'cert' && keep(organisation))
      .map((organisation) => ({ id: organisation.id, name: organisation.name }))
      .sort(byName);
  return {
    counties: named((organisation) => isCounty(organisation, registry)),
    providers: named((organisation) => organisation.kind === 'provider'),
    organisations: named(() => true),
  };
}
