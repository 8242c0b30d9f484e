import { z } from 'zod';
import { exportWarningCsaf } from '../../../workflows/warnings/csaf/export-warning-csaf.js';
import { csafFileName } from '../../../workflows/warnings/csaf/csaf-file-name.js';
import { acknowledgeWarning } from '../../../workflows/warnings/acknowledge-warning.js';
import { approveWarning } from '../../../workflows/warnings/approve-warning.js';
import { audienceOptions } from '../../../workflows/warnings/audience-options.js';
import { createWarningDraft } from '../../../workflows/warnings/create-warning-draft.js';
import { deliveryNames } from '../../../workflows/warnings/delivery-names.js';
import { deliveryOverview } from '../../../workflows/warnings/delivery-overview.js';
import { listWarnings } from '../../../workflows/warnings/list-warnings.js';
import { previewAudience } from '../../../workflows/warnings/preview-audience.js';
import { publishWarning } from '../../../workflows/warnings/publish-warning.js';
import { readWarning } from '../../../workflows/warnings/read-warning.js';
import { updateWarningDraft } from '../../../workflows/warnings/update-warning-draft.js';
import { warningFromIncident } from '../../../workflows/warnings/warning-from-incident.js';
import type { WarningDeps } from '../../../workflows/warnings/warning-deps.js';
import { DEFAULT_WARNING_SETTINGS } from '../../../workflows/warnings/warning-settings.js';
import { defineRoute, type RouteDefinition } from '../../route-definition.js';
import type { RouteContext } from '../../route-context.js';
import { idParams, pageSchema } from '../shared-schemas.js';
import { presentDelivery, presentListEntry, presentWarning } from './presenter.js';
import {
  audienceOptionsSchema,
  audiencePreviewBody,
  audiencePreviewSchema,
  createWarningBody,
  deliveryOverviewSchema,
  deliverySchema,
  fromIncidentBody,
  updateWarningBody,
  warningDetailSchema,
  warningListItemSchema,
  warningListQuery,
  warningSchema,
} from './schema.js';

export function warningRoutes(context: RouteContext): RouteDefinition[] {
  const deps: WarningDeps = {
    store: context.store,
    clock: context.clock,
    logger: context.logger,
    settings: { ...DEFAULT_WARNING_SETTINGS, approvalMinSeverity: context.config.warningApprovalMinSeverity, ...(context.config.publicUrl ? { publicUrl: context.config.publicUrl } : {}) },
    ...(context.mailer ? { mailer: context.mailer } : {}),
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/warnings',
      summary: 'Warnings: all for the CERT, the organisation\'s inbox for everyone else',
      tag: 'warnings',
      access: 'warnings:read',
      query: warningListQuery,
      responses: { 200: { description: 'a page of warnings, newest first, each with how far its delivery has come', schema: pageSchema(warningListItemSchema) } },
      handle: async ({ principal, query, res }) => {
        const page = await listWarnings(deps, principal, query);
        res.json({ items: page.items.map((entry) => presentListEntry(entry, principal.scope)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}), total: page.total });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/warnings/audience-options',
      summary: 'What an audience may name, by name: counties, IT service providers, organisations',
      tag: 'warnings',
      access: 'warnings:write',
      responses: { 200: { description: 'the choices of the compose form', schema: audienceOptionsSchema } },
      handle: async ({ res }) => {
        res.json(await audienceOptions(deps));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/warnings/audience-preview',
      summary: 'Who a warning addressed so would reach if published now, resolved as publishing resolves it',
      tag: 'warnings',
      access: 'warnings:write',
      body: audiencePreviewBody,
      responses: {
        200: { description: 'the organisations, by name', schema: audiencePreviewSchema },
        400: { description: 'the audience names no county (audience_not_a_county), no provider (audience_not_a_provider) or unknown organisations (audience_unknown_organisation)' },
      },
      handle: async ({ body, res }) => {
        res.json(await previewAudience(deps, body));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/warnings',
      summary: 'Draft a warning',
      tag: 'warnings',
      access: 'warnings:write',
      body: createWarningBody,
      responses: { 201: { description: 'the draft', schema: warningSchema } },
      handle: async ({ principal, body, res }) => {
        res.status(201).json(await createWarningDraft(deps, principal, body));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/warnings/:id',
      summary: 'A warning; the first open by a recipient organisation marks it read',
      tag: 'warnings',
      access: 'warnings:read',
      params: idParams,
      responses: { 200: { description: 'the warning and the caller\'s deliveries', schema: warningDetailSchema } },
      handle: async ({ principal, params, res }) => {
        const view = await readWarning(deps, principal, params.id);
        const names = await deliveryNames(deps.store, view.deliveries);
        res.json({ warning: presentWarning(view.warning, principal.scope), deliveries: view.deliveries.map((delivery) => presentDelivery(delivery, principal.scope, names)) });
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/v1/warnings/:id',
      summary: 'Change a draft at a known version (withdraws an approval); requiresApproval false from another analyst than the author waives the approval',
      tag: 'warnings',
      access: 'warnings:write',
      params: idParams,
      body: updateWarningBody,
      responses: {
        200: { description: 'the changed draft', schema: warningSchema },
        403: { description: 'the author lowering requiresApproval on their own warning (approval_waiver_by_author)' },
        409: { description: 'stale version, already published, or requiresApproval lowered on a warning whose severity always needs approval (approval_mandatory)' },
      },
      handle: async ({ principal, params, body, res }) => {
        const { version, ...changes } = body;
        res.json(await updateWarningDraft(deps, principal, params.id, version, changes));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/warnings/:id/approve',
      summary: 'Approve a draft (a second analyst, not the author)',
      tag: 'warnings',
      access: 'warnings:approve',
      params: idParams,
      responses: { 200: { description: 'the approved warning', schema: warningSchema }, 403: { description: 'the approver is the author (approver_is_author)' } },
      handle: async ({ principal, params, res }) => {
        res.json(await approveWarning(deps, principal, params.id));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/warnings/:id/publish',
      summary: 'Publish: deliver to every addressed organisation and mail them',
      tag: 'warnings',
      access: 'warnings:publish',
      params: idParams,
      responses: {
        200: { description: 'the published warning and its deliveries', schema: warningDetailSchema },
        409: { description: 'already published, or approval required (approval_required): asked for, or by severity (LAGEBILD_WARNING_APPROVAL_MIN_SEVERITY)' },
        503: { description: 'mail delivery is not configured' },
      },
      handle: async ({ principal, params, res }) => {
        const { warning, deliveries } = await publishWarning(deps, principal, params.id);
        const names = await deliveryNames(deps.store, deliveries);
        res.json({ warning, deliveries: deliveries.map((delivery) => presentDelivery(delivery, principal.scope, names)) });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/warnings/:id/acknowledge',
      summary: 'Acknowledge a warning for the caller\'s organisation',
      tag: 'warnings',
      access: 'warnings:acknowledge',
      params: idParams,
      responses: { 200: { description: 'the organisation\'s delivery, acknowledged', schema: deliverySchema } },
      handle: async ({ principal, params, res }) => {
        const delivery = await acknowledgeWarning(deps, principal, params.id);
        res.json(presentDelivery(delivery, principal.scope, await deliveryNames(deps.store, [delivery])));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/warnings/:id/deliveries',
      summary: 'Who of the addressed organisations has read and acknowledged, who has not',
      tag: 'warnings',
      access: 'warnings:publish',
      params: idParams,
      responses: { 200: { description: 'the acknowledgement overview', schema: deliveryOverviewSchema } },
      handle: async ({ principal, params, res }) => {
        res.json(await deliveryOverview(deps, principal, params.id));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/warnings/:id/csaf',
      summary: 'The published warning as a CSAF 2.0 document, validated against the official schema',
      tag: 'warnings',
      access: 'warnings:read',
      params: idParams,
      responses: { 200: { description: 'a CSAF 2.0 document', schema: z.looseObject({ document: z.looseObject({}) }) }, 409: { description: 'the warning is not published yet' } },
      handle: async ({ principal, params, res }) => {
        const document = await exportWarningCsaf(deps, principal, params.id);
        const tracking = (document.document as { tracking: { id: string } }).tracking;
        res.set('Content-Disposition', `attachment; filename="${csafFileName(tracking.id)}"`).json(document);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/incidents/:id/warnings',
      summary: 'Draft a warning from an incident, addressed to its organisations and carrying its indicators',
      tag: 'warnings',
      access: 'warnings:write',
      params: idParams,
      body: fromIncidentBody,
      responses: { 201: { description: 'the draft', schema: warningSchema } },
      handle: async ({ principal, params, body, res }) => {
        res.status(201).json(await warningFromIncident(deps, principal, params.id, body));
      },
    }),
  ];
}
