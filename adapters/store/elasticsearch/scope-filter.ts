import type { estypes } from '@elastic/elasticsearch';
import type { Scope } from '../../../core/domain/scope.js';

/** The scope as a filter clause on the given organisation field; nothing to add for the CERT scope. */
export function scopeFilter(scope: Scope, field: string): estypes.QueryDslQueryContainer[] {
  return scope.kind === 'all' ? [] : [{ term: { [field]: scope.organizationId } }];
}
