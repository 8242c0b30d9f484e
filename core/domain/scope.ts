/**
 * Which organisations a caller may see. Every store query takes a scope and applies it inside the
 * query itself, so a forgotten check in a route can never leak another organisation's data.
 */
export type Scope = { kind: 'all' } | { kind: 'organisation'; organizationId: string };

export const ALL: Scope = Object.freeze({ kind: 'all' });

export function organisationScope(organizationId: string): Scope {
  return { kind: 'organisation', organizationId };
}

export function canSee(scope: Scope, organizationIds: readonly (string | null)[]): boolean {
  return scope.kind === 'all' || organizationIds.includes(scope.organizationId);
}

/**
 * Whether the scope may change an object of these organisations: the CERT always, anyone else only
 * what belongs to their organisation alone. A campaign is shared: one organisation changing its
 * status, TLP or assignee would change it for all the others.
 */
export function canChange(scope: Scope, organizationIds: readonly (string | null)[]): boolean {
  return scope.kind === 'all' || (organizationIds.length > 0 && organizationIds.every((id) => id === scope.organizationId));
}
