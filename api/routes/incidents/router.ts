import { createHash } from 'node:crypto';
import { z } from 'zod';
import { bulkUpdateIncidents } from '../../../workflows/triage/bulk-update-incidents.js';
import { getIncidentDetail } from '../../../workflows/triage/get-incident-detail.js';
import { getIncidentStats } from '../../../workflows/triage/incident-stats.js';
import { listIncidents } from '../../../workflows/triage/list-incidents.js';
import { addComment, listComments } from '../../../workflows/triage/incident-comments.js';
import { mergeIncidents } from '../../../workflows/triage/merge-incidents.js';
import { relatedIncidents } from '../../../workflows/triage/related-incidents.js';
import { updateIncident } from '../../../workflows/triage/update-incident.js';
import { defineRoute, type RouteDefinition } from '../../route-definition.js';
import type { RouteContext } from '../../route-context.js';
import { idParams, pageSchema } from '../shared-schemas.js';
import { expectedVersion } from './expected-version.js';
import { presentComment, presentIncidentDetail, presentIncidentSummary } from './presenter.js';
import { bulkBody, bulkResultSchema, commentBody, commentSchema, incidentDetailSchema, incidentListQuery, incidentPatchBody, incidentStatsQuery, incidentStatsSchema, incidentSummarySchema, mergeBody, mergeResultSchema, relatedIncidentsSchema } from './schema.js';

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
        const { organization, rule, q, campaign, ...rest } = query;
        const page = await listIncidents(context, principal, { ...rest, organizationId: organization, ruleId: rule, text: q, campaignId: campaign });
        res.json({ items: page.items.map(presentIncidentSummary), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}), total: page.total });
      },
    }),
    // Before /incidents/:id, which would otherwise take `stats` for an id.
    defineRoute({
      method: 'get',
      path: '/api/v1/incidents/stats',
      summary: 'Dashboard figures: incidents over time by severity, by organisation, rule and status',
      tag: 'incidents',
      access: 'incidents:read',
      query: incidentStatsQuery,
      responses: { 200: { description: 'counts over the incidents first seen in the window, within your scope', schema: incidentStatsSchema } },
      handle: async ({ principal, query, res }) => {
        res.json(await getIncidentStats(context, principal, query));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/incidents/:id',
      summary: 'An incident with its alerts, events, observables, comments and timeline',
      tag: 'incidents',
      access: 'incidents:read',
      params: idParams,
      responses: { 200: { description: 'the incident; a weak ETag over the whole body (comments and timeline change without a new version; send the version, not this ETag, as If-Match)', schema: incidentDetailSchema } },
      handle: async ({ principal, params, res }) => {
        const detail = await getIncidentDetail(context, principal, params.id);
        const body = JSON.stringify(presentIncidentDetail(detail));
        // A new comment does not change the incident version, so the version alone would let a
        // cache answer 304 with stale comments: the tag covers exactly what is returned.
        res.set('ETag', `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`).type('application/json').send(body);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/incidents/:id/related',
      summary: 'Incidents naming an entity this one names (host, address, user, hash), within your scope',
      tag: 'incidents',
      access: 'incidents:read',
      params: idParams,
      responses: { 200: { description: 'related incidents, most shared entities first; not this one, its merged incidents or a campaign\'s own children', schema: relatedIncidentsSchema } },
      handle: async ({ principal, params, res }) => {
        const related = await relatedIncidents(context, principal, params.id);
        res.json({ items: related.map((item) => ({ ...presentIncidentSummary(item.incident), sharedEntities: item.sharedEntities })) });
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
        400: { description: 'invalid change, or an assignee who may not change this incident (an officer assigns within their own organisation; a shared incident goes to CERT staff only)' },
        403: { description: 'an officer changing an incident shared with other organisations (incident_shared)' },
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
      path: '/api/v1/incidents/:id/merge',
      summary: 'Fold other incidents into this one and close them; a retry of a finished merge changes nothing',
      tag: 'incidents',
      access: 'incidents:write',
      params: idParams,
      body: mergeBody,
      headers: { 'If-Match': 'the version of this (target) incident the merge is based on, e.g. "3"' },
      responses: {
        200: { description: 'merged (or found already merged); the target', schema: mergeResultSchema },
        403: { description: 'an officer naming an incident shared with other organisations (incident_shared)' },
        404: { description: 'the target or a source is unknown or out of scope' },
        409: { description: 'stale target version (conflict), a source merged elsewhere or a merged target (already_merged), the target among the sources (merge_into_self)' },
        428: { description: 'no version given' },
      },
      handle: async ({ principal, params, body, req, res }) => {
        const result = await mergeIncidents(context, principal, params.id, body.sourceIds, expectedVersion(req, body.version));
        res.set('ETag', `"${result.incident.version}"`).json({ incident: presentIncidentSummary(result.incident), merged: result.merged });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/incidents/bulk',
      summary: 'Apply one change to many incidents; one result per incident',
      tag: 'incidents',
      access: 'incidents:write',
      body: bulkBody,
      responses: { 200: { description: 'per-incident results; an officer\'s shared incident fails with 403 incident_shared', schema: bulkResultSchema } },
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
