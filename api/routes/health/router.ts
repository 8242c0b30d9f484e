import { z } from 'zod';
import { defineRoute, type RouteDefinition } from '../../route-definition.js';
import type { RouteContext } from '../../route-context.js';

/** Liveness, readiness and metrics: unauthenticated, for orchestrators and Prometheus on the internal network. */
export function healthRoutes(context: RouteContext): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/healthz',
      summary: 'Liveness: 200 while the process answers',
      tag: 'operations',
      access: 'public',
      responses: { 200: { description: 'alive', schema: z.object({ status: z.literal('ok') }) } },
      handle: ({ res }) => {
        res.json({ status: 'ok' });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/readyz',
      summary: 'Readiness: 503 while a dependency does not answer',
      tag: 'operations',
      access: 'public',
      responses: {
        200: { description: 'ready', schema: z.object({ status: z.enum(['ready', 'unavailable']), checks: z.record(z.string(), z.boolean()) }) },
        503: { description: 'a dependency is not ready' },
      },
      handle: async ({ res }) => {
        let checks: Record<string, boolean>;
        try {
          checks = await context.readiness();
        } catch (error) {
          context.logger.warn({ error }, 'readiness check failed');
          checks = { readiness: false };
        }
        const ready = Object.values(checks).every(Boolean);
        res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', checks });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/metrics',
      summary: 'Prometheus metrics (text exposition format)',
      tag: 'operations',
      access: 'public',
      responses: { 200: { description: 'metrics', contentType: 'text/plain; version=0.0.4' } },
      handle: ({ res }) => {
        res.type('text/plain; version=0.0.4').send(context.metrics.render());
      },
    }),
  ];
}
