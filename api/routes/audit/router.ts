import { z } from 'zod';
import { verifyAuditChain } from '../../../workflows/triage/verify-audit-chain.js';
import { defineRoute, type RouteDefinition } from '../../route-definition.js';
import type { RouteContext } from '../../route-context.js';
import { auditEntrySchema, auditQuery, auditVerificationSchema } from './schema.js';

/** Audit entries are shown as stored (hashes included) so that anyone can re-verify the chain. */
export function auditRoutes(context: RouteContext): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/audit',
      summary: 'The audit log, oldest first, paged by sequence number',
      tag: 'audit',
      access: 'audit:read',
      query: auditQuery,
      responses: { 200: { description: 'audit entries', schema: z.object({ items: z.array(auditEntrySchema) }) } },
      handle: async ({ query, res }) => {
        res.json({ items: await context.store.audit.list(query) });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/audit/verify',
      summary: 'Recompute the hash chain and report the first broken entry',
      tag: 'audit',
      access: 'audit:read',
      responses: { 200: { description: 'the verification result', schema: auditVerificationSchema } },
      handle: async ({ res }) => {
        res.json(await verifyAuditChain(context.store.audit));
      },
    }),
  ];
}
