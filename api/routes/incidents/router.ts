import { z } from 'zod';
import { bulkUpdateIncidents } from '../../../workflows/triage/bulk-update-incidents.js';
import { getIncidentDetail } from '../../../workflows/triage/get-incident-detail.js';
import { listIncidents } from '../../../workflows/triage/list-incidents.js';
import { addComment, listComments } from '../../../workflows/triage/incident-comments.js';
import { updateIncident } from '../../../workflows/triage/update-incident.js';
import { defineRoute, type RouteDefinition } from '../../route-definition.js';
import type { RouteContext } from '../../route-context.js';
import { idParams, pageSchema } from '../shared-schemas.js';
import { expectedVersion } from './expected-version.js';
import { presentComment, presentIncidentDetail, presentIncidentSummary } from './presenter.js';
import { bulkBody, bulkResultSchema, commentBody, commentSchema, incidentDetailSchema, incidentListQuery, incidentPatchBody, incidentSummarySchema } from './schema.js';

export function incidentRoutes(context: RouteContext): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/incidents',
      summary: 'List and search incidents',
      tag: 'incidents',
      access: 'incidents:read',
      query: incidentListQuery,
      responses: { 200: { description: 'a page of incidents', schema: pageSchema(incidentSummarySchema) } },
      handle: async ({ principal, query, res }) => {
        const { organization, rule, q, ...rest } = query;
        const page = await listIncidents(context, principal, { ...rest, organizationId: organization, ruleId: rule, text: q });
        res.json({ items: page.items.map(presentIncidentSummary), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}), total: page.total });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/incidents/:id',
      summary: 'An incident with its alerts, events, observables, comments and timeline',
      tag: 'incidents',
      access: 'incidents:read',
      params: idParams,
      responses: { 200: { description: 'the incident; ETag carries its version', schema: incidentDetailSchema } },
      handle: async ({ principal, params, res }) => {
        const detail = await getIncidentDetail(context, principal, params.id);
        res.set('ETag', `"${detail.incident.version}"`).json(presentIncidentDetail(detail));
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/v1/incidents/:id',
      summary: 'Change status, severity, TLP, assignee or title at a known version',
      tag: 'incidents',
      access: 'incidents:write',
      params: idParams,
      body: incidentPatchBody,
      headers: { 'If-Match': 'the incident version the change is based on, e.g. "3"' },
      responses: {
        200: { description: 'changed', schema: incidentSummarySchema },
        409: { description: 'stale version (conflict) or a transition the state machine does not allow (invalid_transition)' },
        428: { description: 'no version given' },
      },
      handle: async ({ principal, params, body, req, res }) => {
        const { version, ...patch } = body;
        const incident = await updateIncident(context, principal, params.id, expectedVersion(req, version), patch);
        res.set('ETag', `"${incident.version}"`).json(presentIncidentSummary(incident));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/incidents/bulk',
      summary: 'Apply one change to many incidents; one result per incident',
      tag: 'incidents',
      access: 'incidents:write',
      body: bulkBody,
      responses: { 200: { description: 'per-incident results', schema: bulkResultSchema } },
      handle: async ({ principal, body, res }) => {
        const results = await bulkUpdateIncidents(context, principal, body.ids, body.patch);
        res.json({ results: results.map((result) => (result.ok ? { ...result, incident: presentIncidentSummary(result.incident) } : result)) });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/incidents/:id/comments',
      summary: 'Comments on an incident, oldest first',
      tag: 'incidents',
      access: 'incidents:read',
      params: idParams,
      responses: { 200: { description: 'comments', schema: z.object({ items: z.array(commentSchema) }) } },
      handle: async ({ principal, params, res }) => {
        res.json({ items: (await listComments(context, principal, params.id)).map(presentComment) });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/incidents/:id/comments',
      summary: 'Comment on an incident',
      tag: 'incidents',
      access: 'incidents:write',
      params: idParams,
      body: commentBody,
      responses: { 201: { description: 'the comment', schema: commentSchema } },
      handle: async ({ principal, params, body, res }) => {
        res.status(201).json(presentComment(await addComment(context, principal, params.id, body.body)));
      },
    }),
  ];
}
