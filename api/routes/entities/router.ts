import type { Alert } from '../../../core/domain/alert.js';
import { entityView } from '../../../workflows/triage/entity-view.js';
import { defineRoute, type RouteDefinition } from '../../route-definition.js';
import type { RouteContext } from '../../route-context.js';
import { presentIncidentSummary } from '../incidents/presenter.js';
import { entityParams, entityViewSchema } from './schema.js';

/** The chart and the list need when, what and where; the evidence stays with the incident. */
function presentEntityAlert(alert: Alert) {
  return { id: alert.alert.id, '@timestamp': alert['@timestamp'], rule: { id: alert.rule.id, title: alert.rule.title, level: alert.rule.level }, organizationId: alert.organization.id };
}

export function entityRoutes(context: RouteContext): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/entities/:entity',
      summary: 'An entity (address, host, user, hash) with the incidents naming it and their alerts, within your scope',
      tag: 'incidents',
      access: 'incidents:read',
      params: entityParams,
      responses: { 200: { description: 'the incidents and alerts', schema: entityViewSchema } },
      handle: async ({ principal, params, res }) => {
        const view = await entityView(context, principal, params.entity);
        res.json({ entity: view.entity, incidents: view.incidents.map(presentIncidentSummary), alerts: view.alerts.map(presentEntityAlert) });
      },
    }),
  ];
}
