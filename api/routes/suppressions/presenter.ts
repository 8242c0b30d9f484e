import type { Scope } from '../../../core/domain/scope.js';
import type { Suppression } from '../../../core/domain/suppression.js';
import type { RouteContext } from '../../route-context.js';

export interface SuppressionView extends Suppression {
  active: boolean;
  organisationName?: string;
  ruleTitle?: string;
}

/**
 * Adds what a reader recognises: the organisation's name and the rule's title. Officers may not read
 * the rule catalogue, so the titles are resolved here rather than in the UI.
 */
export async function presentSuppressions(context: RouteContext, scope: Scope, items: { suppression: Suppression; active: boolean }[]): Promise<SuppressionView[]> {
  const organisations = new Map((await context.store.organisations.list(scope)).map((organisation) => [organisation.id, organisation.name]));
  const ruleIds = [...new Set(items.flatMap(({ suppression }) => (suppression.ruleId === undefined ? [] : [suppression.ruleId])))];
  const titles = new Map<string, string>();
  for (const id of ruleIds) {
    const rule = await context.rules?.get(id);
    if (rule) titles.set(id, rule.title);
  }
  return items.map(({ suppression, active }) => {
    const organisationName = suppression.organizationId === null ? undefined : organisations.get(suppression.organizationId);
    const ruleTitle = suppression.ruleId === undefined ? undefined : titles.get(suppression.ruleId);
    return { ...suppression, active, ...(organisationName === undefined ? {} : { organisationName }), ...(ruleTitle === undefined ? {} : { ruleTitle }) };
  });
}
