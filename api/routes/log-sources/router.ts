import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../../core/errors.js';
import { createLogSource } from '../../../workflows/log-sources/create-log-source.js';
import { revokeLogSource } from '../../../workflows/log-sources/revoke-log-source.js';
import { defineRoute, type RouteDefinition } from '../../route-definition.js';
import type { RouteContext } from '../../route-context.js';
import { idParams } from '../shared-schemas.js';
import { presentLogSource } from './presenter.js';
import { createdLogSourceSchema, createLogSourceBody, logSourceSchema } from './schema.js';

export function logSourceRoutes(context: RouteContext): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/log-sources',
      summary: 'List log sources (without their tokens)',
      tag: 'log-sources',
      access: 'logsources:read',
      responses: { 200: { description: 'log sources, oldest first', schema: z.object({ items: z.array(logSourceSchema) }) } },
      handle: async ({ principal, res }) => {
        res.json({ items: (await context.store.logSources.list(principal.scope)).map(presentLogSource) });
      },
    }),
    // Before /log-sources/:id, which would otherwise take `parsers` for an id.
    defineRoute({
      method: 'get',
      path: '/api/v1/log-sources/parsers',
      summary: 'The parsers a log source may name; auto recognises each line',
      tag: 'log-sources',
      access: 'logsources:read',
      responses: { 200: { description: 'parser names', schema: z.object({ items: z.array(z.string()) }) } },
      handle: ({ res }) => {
        res.json({ items: [...(context.parserNames ?? ['auto'])] });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/log-sources/:id',
      summary: 'Show a log source (without its token)',
      tag: 'log-sources',
      access: 'logsources:read',
      params: idParams,
      responses: { 200: { description: 'the log source', schema: logSourceSchema } },
      handle: async ({ principal, params, res }) => {
        const source = await context.store.logSources.get(params.id, principal.scope);
        if (!source) throw new NotFoundError('log source');
        res.json(presentLogSource(source));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/log-sources',
      summary: 'Create a log source for an organisation; its ingest token is returned once',
      tag: 'log-sources',
      access: 'logsources:write',
      body: createLogSourceBody,
      responses: { 201: { description: 'created; store the token now, it cannot be shown again', schema: createdLogSourceSchema } },
      handle: async ({ principal, body, res }) => {
        // A misspelt parser would send every line of the source to the dead letters.
        if (body.parser !== undefined && context.parserNames && !context.parserNames.includes(body.parser)) {
          throw new ValidationError('unknown parser', [{ path: 'parser', message: `no parser "${body.parser}"; known: ${context.parserNames.join(', ')}` }]);
        }
        const { source, token } = await createLogSource(context, principal, body);
        // The token must not linger in caches or proxies.
        res.status(201).set('Cache-Control', 'no-store').json({ source: presentLogSource(source), token });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/log-sources/:id/revoke',
      summary: 'Revoke a log source: its token is refused by the ingest from now on',
      tag: 'log-sources',
      access: 'logsources:write',
      params: idParams,
      responses: { 200: { description: 'revoked (also when it already was)', schema: logSourceSchema } },
      handle: async ({ principal, params, res }) => {
        res.json(presentLogSource(await revokeLogSource(context, principal, params.id)));
      },
    }),
  ];
}
