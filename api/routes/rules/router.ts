import { z } from 'zod';
import { NotFoundError, UnavailableError } from '../../../core/errors.js';
import { auditChange } from '../../../workflows/triage/audit-change.js';
import { defineRoute, type RouteDefinition } from '../../route-definition.js';
import type { RouteContext } from '../../route-context.js';
import type { RulesCatalog } from '../../../core/ports/rules-catalog.js';
import { ruleFilter } from './rule-filter.js';
import { ruleDetailSchema, ruleIdParams, ruleListQuery, ruleProblemsSchema, ruleSummarySchema, ruleTestResultSchema, testRuleBody, validateRuleBody } from './schema.js';

export function ruleRoutes(context: RouteContext): RouteDefinition[] {
  // An API-only instance may run without the detection engine: the rule routes then answer 503.
  const catalog = (): RulesCatalog => {
    if (!context.rules) throw new UnavailableError('the rules catalog');
    return context.rules;
  };
  const toggle = (enabled: boolean) =>
    defineRoute({
      method: 'post',
      path: `/api/v1/rules/:id/${enabled ? 'enable' : 'disable'}`,
      summary: `${enabled ? 'Enable' : 'Disable'} a rule`,
      tag: 'rules',
      access: 'rules:write',
      params: ruleIdParams,
      responses: { 200: { description: 'the rule', schema: ruleSummarySchema } },
      handle: async ({ principal, params, res }) => {
        const before = await catalog().get(params.id);
        if (!before) throw new NotFoundError('rule');
        const rule = await catalog().setEnabled(params.id, enabled);
        await auditChange(context, principal.username, { action: enabled ? 'rule.enable' : 'rule.disable', objectType: 'rule', objectId: params.id, before: { enabled: before.enabled }, after: { enabled: rule.enabled } });
        res.json(rule);
      },
    });
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/rules',
      summary: 'List detection rules',
      tag: 'rules',
      access: 'rules:read',
      query: ruleListQuery,
      responses: { 200: { description: 'a page of the rules that match, and how many match', schema: z.object({ items: z.array(ruleSummarySchema), total: z.number().int() }) } },
      handle: async ({ query, res }) => {
        const matching = (await catalog().list()).filter(ruleFilter(query));
        const end = query.limit === undefined ? undefined : query.offset + query.limit;
        res.json({ items: matching.slice(query.offset, end), total: matching.length });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/rules/:id',
      summary: 'Show a rule with its source',
      tag: 'rules',
      access: 'rules:read',
      params: ruleIdParams,
      responses: { 200: { description: 'the rule', schema: ruleDetailSchema } },
      handle: async ({ params, res }) => {
        const rule = await catalog().get(params.id);
        if (!rule) throw new NotFoundError('rule');
        res.json(rule);
      },
    }),
    toggle(true),
    toggle(false),
    defineRoute({
      method: 'post',
      path: '/api/v1/rules/validate',
      summary: 'Validate a rule (YAML); every problem is listed',
      tag: 'rules',
      access: 'rules:read',
      body: validateRuleBody,
      responses: { 200: { description: 'the problems, empty when valid', schema: ruleProblemsSchema } },
      handle: async ({ body, res }) => {
        const problems = await catalog().validate(body.rule);
        res.json({ valid: problems.length === 0, problems });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/rules/test',
      summary: 'Run a rule over sample events and return the alerts it raises',
      tag: 'rules',
      access: 'rules:read',
      body: testRuleBody,
      responses: { 200: { description: 'the alerts', schema: ruleTestResultSchema } },
      handle: async ({ body, res }) => {
        res.json({ alerts: await catalog().test(body.rule, body.events) });
      },
    }),
  ];
}
