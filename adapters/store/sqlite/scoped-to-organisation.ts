import type { Scope } from '../../../core/domain/scope.js';

type SqlValue = string | number;

/** The scope as one more condition on `organization_id`, inside the query. */
export function scopedToOrganisation(where: string[], params: SqlValue[], scope: Scope): { where: string[]; params: SqlValue[] } {
  if (scope.kind === 'all') return { where, params };
  return { where: [...where, 'organization_id = ?'], params: [...params, scope.organizationId] };
}
