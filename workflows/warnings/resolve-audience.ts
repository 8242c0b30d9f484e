import type { Organisation } from '../../core/domain/organisation.js';
import type { WarningAudience } from '../../core/domain/warning.js';
import { LagebildError } from '../../core/errors.js';
import { isCounty } from './county.js';
import { providerOf } from './provider-of.js';

/**
 * The organisation ids an audience means in today's registry, sorted. The CERT itself is never a
 * recipient of its own warnings. A county or provider audience must name an organisation of that
 * kind: anything else would quietly reach the wrong organisations or nobody.
 */
export function resolveAudience(audience: WarningAudience, organisations: readonly Organisation[]): string[] {
  const constituency = organisations.filter((organisation) => organisation.kind !== 'cert');
  const ids = (() => {
    switch (audience.kind) {
      case 'all':
        return constituency.map((organisation) => organisation.id);
      case 'state':
        return constituency.filter((organisation) => organisation.kind === 'state').map((organisation) => organisation.id);
      case 'county':
        requireCounty(audience.countyId, organisations);
        return descendantsOf(audience.countyId, constituency);
      case 'provider':
        requireProvider(audience.providerId, organisations);
        return constituency.filter((organisation) => providerOf(organisation) === audience.providerId).map((organisation) => organisation.id);
      case 'organisations':
        requireKnown(audience.organizationIds, organisations);
        return [...new Set(audience.organizationIds)];
    }
  })();
  return ids.sort();
}

/** Children, grandchildren, …; a cycle in the registry cannot loop forever. */
function descendantsOf(rootId: string, organisations: readonly Organisation[]): string[] {
  const found = new Set<string>();
  let frontier = [rootId];
  while (frontier.length > 0) {
    const parents = new Set(frontier);
    frontier = organisations.filter((organisation) => organisation.parentId !== null && parents.has(organisation.parentId) && !found.has(organisation.id) && organisation.id !== rootId).map((organisation) => organisation.id);
    for (const id of frontier) found.add(id);
  }
  return [...found];
}

function requireCounty(countyId: string, organisations: readonly Organisation[]): void {
  const county = organisations.find((organisation) => organisation.id === countyId);
  if (county && isCounty(county, organisations)) return;
  throw new LagebildError('audience_not_a_county', `${countyId} is not a county of the registry`, { status: 400, details: [{ path: 'audience.countyId', message: `not a county: ${countyId}` }] });
}

function requireProvider(providerId: string, organisations: readonly Organisation[]): void {
  if (organisations.some((organisation) => organisation.id === providerId && organisation.kind === 'provider')) return;
  throw new LagebildError('audience_not_a_provider', `${providerId} is not an IT service provider of the registry`, { status: 400, details: [{ path: 'audience.providerId', message: `not a provider: ${providerId}` }] });
}

function requireKnown(ids: readonly string[], organisations: readonly Organisation[]): void {
  const known = new Set(organisations.map((organisation) => organisation.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new LagebildError('audience_unknown_organisation', 'the audience names unknown organisations', { status: 400, details: unknown.map((id) => ({ path: 'audience.organizationIds', message: `unknown organisation ${id}` })) });
  }
}
