import { z } from 'zod';
import { isSuppressionActive } from '../../../core/domain/suppression.js';
import { createSuppression } from '../../../workflows/suppressions/create-suppression.js';
import { deleteSuppression } from '../../../workflows/suppressions/delete-suppression.js';
import { listSuppressions } from '../../../workflows/suppressions/list-suppressions.js';
import { defineRoute, type RouteDefinition } from '../../route-definition.js';
import type { RouteContext } from '../../route-context.js';
import { idParams } from '../shared-schemas.js';
import { presentSuppressions } from './presenter.js';
import { createSuppressionBody, suppressionSchema } from './schema.js';

export function suppressionRoutes(context: RouteContext): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/suppressions',
      summary: 'List suppressions (expired ones too), newest first; an officer sees their organisation\'s only',
      tag: 'suppressions',
      access: 'suppressions:read',
      responses: { 200: { description: 'suppressions', schema: z.object({ items: z.array(suppressionSchema) }) } },
      handle: async ({ principal, res }) => {
        res.json({ items: await presentSuppressions(context, principal.scope, await listSuppressions(context, principal)) });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/suppressions',
      summary: 'Suppress alerts: those matching the rule and every condition make no incident until the expiry',
      tag: 'suppressions',
      access: 'suppressions:write',
      body: createSuppressionBody,
      responses: {
        201: { description: 'created', schema: suppressionSchema },
        403: { description: 'suppression_out_of_scope: an officer names another organisation or all' },
        422: { description: 'suppression_invalid: `errors` lists each problem with its code' },
      },
      handle: async ({ principal, body, res }) => {
        const created = await createSuppression(context, principal, body);
        res.status(201).json((await presentSuppressions(context, principal.scope, [{ suppression: created, active: true }]))[0]);
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/suppressions/:id',
      summary: 'Delete a suppression: it expires now and stays listed',
      tag: 'suppressions',
      access: 'suppressions:write',
      params: idParams,
      responses: { 200: { description: 'expired (also when it already was)', schema: suppressionSchema } },
      handle: async ({ principal, params, res }) => {
        const expired = await deleteSuppression(context, principal, params.id);
        const active = isSuppressionActive(expired, context.clock.now());
        res.json((await presentSuppressions(context, principal.scope, [{ suppression: expired, active }]))[0]);
      },
    }),
  ];
}
