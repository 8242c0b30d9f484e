import { z } from 'zod';
import { NotFoundError } from '../../../core/errors.js';
import { createOrganisation, updateOrganisation } from '../../../workflows/triage/save-organisation.js';
import { defineRoute, type RouteDefinition } from '../../route-definition.js';
import type { RouteContext } from '../../route-context.js';
import { idParams } from '../shared-schemas.js';
import { presentOrganisation } from './presenter.js';
import { createOrganisationBody, organisationSchema, updateOrganisationBody } from './schema.js';

export function organisationRoutes(context: RouteContext): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/organisations',
      summary: 'List the organisations you may see',
      tag: 'organisations',
      access: 'organisations:read',
      responses: { 200: { description: 'organisations', schema: z.object({ items: z.array(organisationSchema) }) } },
      handle: async ({ principal, res }) => {
        res.json({ items: (await context.store.organisations.list(principal.scope)).map(presentOrganisation) });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/organisations/:id',
      summary: 'Show an organisation',
      tag: 'organisations',
      access: 'organisations:read',
      params: idParams,
      responses: { 200: { description: 'the organisation', schema: organisationSchema } },
      handle: async ({ principal, params, res }) => {
        const organisation = await context.store.organisations.get(params.id, principal.scope);
        if (!organisation) throw new NotFoundError('organisation');
        res.json(presentOrganisation(organisation));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/organisations',
      summary: 'Add an organisation to the registry',
      tag: 'organisations',
      access: 'organisations:write',
      body: createOrganisationBody,
      responses: { 201: { description: 'created', schema: organisationSchema }, 409: { description: 'the id exists' } },
      handle: async ({ principal, body, res }) => {
        res.status(201).json(presentOrganisation(await createOrganisation(context, principal, body)));
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/v1/organisations/:id',
      summary: 'Change an organisation',
      tag: 'organisations',
      access: 'organisations:write',
      params: idParams,
      body: updateOrganisationBody,
      responses: { 200: { description: 'changed', schema: organisationSchema } },
      handle: async ({ principal, params, body, res }) => {
        res.json(presentOrganisation(await updateOrganisation(context, principal, params.id, body)));
      },
    }),
  ];
}
