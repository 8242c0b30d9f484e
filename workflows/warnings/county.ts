import type { Organisation } from '../../core/domain/organisation.js';

/**
 * The registry knows no kind "county": a Landkreis is a municipal body at the top of the hierarchy
 * with organisations below it (its municipalities). This is the one place that says so, for the
 * audience picker and for resolving a county audience alike.
 */
export function isCounty(organisation: Organisation, registry: readonly Organisation[]): boolean {
  return organisation.kind === 'municipal' && organisation.parentId === null && registry.some((other) => other.parentId === organisation.id);
}
