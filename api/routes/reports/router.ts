import { z } from 'zod';
import { acknowledgeReport } from '../../../workflows/reporting/acknowledge-report.js';
import { classifyReport } from '../../../workflows/reporting/classify-report.js';
import { createReport } from '../../../workflows/reporting/create-report.js';
import { getReportDetail } from '../../../workflows/reporting/get-report-detail.js';
import { giveReportFeedback } from '../../../workflows/reporting/give-report-feedback.js';
import { linkReportIncident } from '../../../workflows/reporting/link-report-incident.js';
import { renderReportHtml } from '../../../workflows/reporting/render-report-html.js';
import { exportReport } from '../../../workflows/reporting/report-export.js';
import { reportFileName } from '../../../workflows/reporting/report-file-name.js';
import { saveDraft } from '../../../workflows/reporting/save-draft.js';
import { submitReport } from '../../../workflows/reporting/submit-report.js';
import { defineRoute, type RouteDefinition } from '../../route-definition.js';
import type { RouteContext } from '../../route-context.js';
import { idParams, pageSchema } from '../shared-schemas.js';
import { obligationRoutes } from './obligation-router.js';
import { presentReport, presentReportDetail } from './presenter.js';
import { reportingContext } from './reporting-context.js';
import { classifyBody, createReportBody, draftBody, feedbackBody, linkIncidentBody, reportDetailSchema, reportListQuery, reportSchema, submitBody, versionSchema } from './schema.js';

/** Mandatory reports (Meldungen) and the obligations they answer. */
export function reportRoutes(context: RouteContext): RouteDefinition[] {
  const deps = reportingContext(context);
  const cert = (summary: string, suffix: string, body: z.ZodType, run: (principal: Parameters<typeof acknowledgeReport>[1], id: string, input: never) => Promise<Parameters<typeof presentReport>[0]>) =>
    defineRoute({
      method: 'post',
      path: `/api/v1/reports/:id/${suffix}`,
      summary,
      tag: 'reports',
      access: 'reports:manage',
      params: idParams,
      body,
      responses: { 200: { description: 'the report', schema: reportSchema } },
      handle: async ({ principal, params, body: input, res }) => {
        res.json(presentReport(await run(principal, params.id, input as never)));
      },
    });
  return [
    ...obligationRoutes(context),
    defineRoute({
      method: 'get',
      path: '/api/v1/reports',
      summary: 'The reports you may see (the CERT inbox: all of them), newest first',
      tag: 'reports',
      access: 'reports:read',
      query: reportListQuery,
      responses: { 200: { description: 'a page of reports', schema: pageSchema(reportSchema) } },
      handle: async ({ principal, query, res }) => {
        const { organization, obligation, ...rest } = query;
        const page = await context.store.reports.list({ ...rest, ...(organization ? { organizationId: organization } : {}), ...(obligation ? { obligationId: obligation } : {}) }, principal.scope);
        res.json({ items: page.items.map(presentReport), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}), total: page.total });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/reports',
      summary: 'Start a report of your organisation (a draft)',
      tag: 'reports',
      access: 'reports:write',
      body: createReportBody,
      responses: { 201: { description: 'the draft report', schema: reportSchema }, 409: { description: 'the phase has a report already' } },
      handle: async ({ principal, body, res }) => {
        res.status(201).json(presentReport(await createReport(deps, principal, body)));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/reports/:id',
      summary: 'A report with all its versions, its obligation and the data protection duty',
      tag: 'reports',
      access: 'reports:read',
      params: idParams,
      responses: { 200: { description: 'the report', schema: reportDetailSchema } },
      handle: async ({ principal, params, res }) => {
        res.json(presentReportDetail(await getReportDetail(deps, principal, params.id), context.clock.now()));
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/v1/reports/:id/draft',
      summary: 'Autosave the draft (replaces the previous draft; submitted versions stay)',
      tag: 'reports',
      access: 'reports:write',
      params: idParams,
      body: draftBody,
      responses: { 200: { description: 'the report', schema: reportSchema } },
      handle: async ({ principal, params, body, res }) => {
        res.json(presentReport(await saveDraft(deps, principal, params.id, body)));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/reports/:id/submit',
      summary: 'Submit the draft as the next immutable version (the first, or a correction)',
      tag: 'reports',
      access: 'reports:write',
      params: idParams,
      body: submitBody,
      responses: { 201: { description: 'the new version', schema: versionSchema }, 400: { description: 'the report is not complete' } },
      handle: async ({ principal, params, body, res }) => {
        const { version } = await submitReport(deps, principal, params.id, body.content);
        res.status(201).json({ reportId: version.reportId, version: version.version, content: version.content, submittedAt: version.submittedAt, submittedBy: version.submittedBy });
      },
    }),
    cert('Acknowledge receipt of a report', 'acknowledge', z.strictObject({}), (principal, id) => acknowledgeReport(deps, principal, id)),
    cert('Send the organisation feedback on its report (mailed to the ISB)', 'feedback', feedbackBody, (principal, id, input: z.output<typeof feedbackBody>) => giveReportFeedback(deps, principal, id, input.body)),
    cert('Classify the report (the CERT’s tier)', 'classification', classifyBody, (principal, id, input: z.output<typeof classifyBody>) => classifyReport(deps, principal, id, input.tier)),
    cert('Link an incident to the report', 'incidents', linkIncidentBody, (principal, id, input: z.output<typeof linkIncidentBody>) => linkReportIncident(deps, principal, id, input.incidentId)),
    defineRoute({
      method: 'get',
      path: '/api/v1/reports/:id/export.json',
      summary: 'The report, every version and its history as one JSON document',
      tag: 'reports',
      access: 'reports:read',
      params: idParams,
      responses: { 200: { description: 'the export' } },
      handle: async ({ principal, params, res }) => {
        const document = await exportReport(deps, principal, params.id);
        res.set('Content-Disposition', `attachment; filename="${reportFileName(document.report, 'json')}"`).json(document);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/reports/:id/export.html',
      summary: 'The report and its history as a print-ready HTML document',
      tag: 'reports',
      access: 'reports:read',
      params: idParams,
      responses: { 200: { description: 'the document', contentType: 'text/html' } },
      handle: async ({ principal, params, res }) => {
        const document = await exportReport(deps, principal, params.id);
        res
          .set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
          .set('Content-Disposition', `attachment; filename="${reportFileName(document.report, 'html')}"`)
          .type('html')
          .send(renderReportHtml(document));
      },
    }),
  ];
}
