import { NotFoundError } from '../../../core/errors.js';
import { defineRoute, type RouteDefinition } from '../../route-definition.js';
import type { RouteContext } from '../../route-context.js';
import { alertSchema, idParams, pageSchema } from '../shared-schemas.js';
import { presentAlert } from './presenter.js';
import { alertSearchQuery } from './schema.js';

export function alertRoutes(context: RouteContext): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/alerts',
      summary: 'Search alerts',
      tag: 'alerts',
      access: 'alerts:read',
      query: alertSearchQuery,
      responses: { 200: { description: 'a page of alerts', schema: pageSchema(alertSchema) } },
      handle: async ({ principal, query, res }) => {
        const { organization, rule, ...rest } = query;
        const page = await context.store.alerts.search({ ...rest, organizationId: organization, ruleId: rule }, principal.scope);
        res.json({ items: page.items.map(presentAlert), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}), total: page.total });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/alerts/:id',
      summary: 'Show an alert with its triggering events',
      tag: 'alerts',
      access: 'alerts:read',
      params: idParams,
      responses: { 200: { description: 'the alert', schema: alertSchema } },
      handle: async ({ principal, params, res }) => {
        const alert = await context.store.alerts.get(params.id, principal.scope);
        if (!alert) throw new NotFoundError('alert');
        res.json(alert);
      },
    }),
  ];
}
