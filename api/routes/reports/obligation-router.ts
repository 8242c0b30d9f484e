import { z } from 'zod';
import { NotFoundError } from '../../../core/errors.js';
import { createObligation } from '../../../workflows/reporting/create-obligation.js';
import { requestIntermediateReport } from '../../../workflows/reporting/request-intermediate-report.js';
import { defineRoute, type RouteDefinition } from '../../route-definition.js';
import type { RouteContext } from '../../route-context.js';
import { idParams, pageSchema } from '../shared-schemas.js';
import { presentObligation } from './presenter.js';
import { reportingContext } from './reporting-context.js';
import { createObligationBody, incidentObligationBody, intermediateRequestBody, obligationListQuery, obligationSchema } from './schema.js';

export function obligationRoutes(context: RouteContext): RouteDefinition[] {
  const deps = reportingContext(context);
  const present = (obligation: Parameters<typeof presentObligation>[0]) => presentObligation(obligation, context.clock.now());
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/report-obligations',
      summary: 'Ask an organisation for a mandatory report; its ISB is mailed the deadlines',
      tag: 'reports',
      access: 'reports:manage',
      body: createObligationBody,
      responses: { 201: { description: 'the obligation with its deadlines', schema: obligationSchema } },
      handle: async ({ principal, body, res }) => {
        const { obligation } = await createObligation(deps, principal, body);
        res.status(201).json(present(obligation));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/incidents/:id/report-obligations',
      summary: 'Ask an organisation affected by the incident for a mandatory report',
      tag: 'reports',
      access: 'reports:manage',
      params: idParams,
      body: incidentObligationBody,
      responses: {
        201: { description: 'the obligation with its deadlines', schema: obligationSchema },
        200: { description: 'the incident obliged the organisation already: that obligation, unchanged', schema: obligationSchema },
      },
      handle: async ({ principal, params, body, res }) => {
        const { obligation, created } = await createObligation(deps, principal, { ...body, incidentId: params.id });
        res.status(created ? 201 : 200).json(present(obligation));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/report-obligations',
      summary: 'Reporting obligations and the state of each deadline',
      tag: 'reports',
      access: 'reports:read',
      query: obligationListQuery,
      responses: { 200: { description: 'a page of obligations, oldest first', schema: pageSchema(obligationSchema) } },
      handle: async ({ principal, query, res }) => {
        const { organization, incident, ...rest } = query;
        const page = await context.store.obligations.list({ ...rest, ...(organization ? { organizationId: organization } : {}), ...(incident ? { incidentId: incident } : {}) }, principal.scope);
        res.json({ items: page.items.map(present), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}), total: page.total });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/report-obligations/:id',
      summary: 'One reporting obligation',
      tag: 'reports',
      access: 'reports:read',
      params: idParams,
      responses: { 200: { description: 'the obligation', schema: obligationSchema } },
      handle: async ({ principal, params, res }) => {
        const obligation = await context.store.obligations.get(params.id, principal.scope);
        if (!obligation) throw new NotFoundError('report obligation');
        res.json(present(obligation));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/report-obligations/:id/intermediate-request',
      summary: 'Ask for an intermediate report by a deadline',
      tag: 'reports',
      access: 'reports:manage',
      params: idParams,
      body: intermediateRequestBody,
      responses: { 200: { description: 'the obligation with the intermediate deadline', schema: obligationSchema } },
      handle: async ({ principal, params, body, res }) => {
        res.json(present(await requestIntermediateReport(deps, principal, params.id, body)));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/report-obligations/:id/reports',
      summary: 'The reports filed for an obligation',
      tag: 'reports',
      access: 'reports:read',
      params: idParams,
      responses: { 200: { description: 'report ids by phase', schema: z.object({ items: z.array(z.object({ id: z.string(), phase: z.string(), currentVersion: z.number().int() })) }) } },
      handle: async ({ principal, params, res }) => {
        if (!(await context.store.obligations.get(params.id, principal.scope))) throw new NotFoundError('report obligation');
        const page = await context.store.reports.list({ obligationId: params.id, limit: 200 }, principal.scope);
        res.json({ items: page.items.map(({ id, phase, currentVersion }) => ({ id, phase, currentVersion })) });
      },
    }),
  ];
}
