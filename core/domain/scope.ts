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
