import { z } from 'zod';
import { LagebildError, UnavailableError } from '../../../core/errors.js';
import { defineRoute, type RouteDefinition } from '../../route-definition.js';
import type { RouteContext } from '../../route-context.js';

/** Any non-empty body: the collectors' handler decides what is an event. */
const rawBody = z.instanceof(Buffer).refine((buffer) => buffer.length > 0, 'the body is empty');

function sourceToken(authorization: string | undefined, header: string | undefined): string {
  const bearer = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] : undefined;
  const token = bearer ?? header;
  if (!token) throw new LagebildError('invalid_source_token', 'send the source token as Authorization: Bearer or X-Lagebild-Token', { status: 401 });
  return token;
}

/** Log sources post events here with their source token (not a user login). */
export function ingestRoutes(context: RouteContext): RouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/ingest',
      summary: 'Send events (NDJSON or a JSON array of at most 50,000 records, up to 10 MB; gzip, deflate or br allowed) with a source token',
      tag: 'ingest',
      access: 'public',
      body: rawBody,
      bodyFormat: 'raw',
      headers: { 'X-Lagebild-Token': 'the source token, if not sent as Authorization: Bearer' },
      responses: { 202: { description: 'accepted for processing', schema: z.object({ accepted: z.number().int(), rejected: z.number().int() }) }, 401: { description: 'missing or unknown source token' }, 413: { description: 'more than 10 MB (payload_too_large) or more than 50,000 records (too_many_records); nothing of it was accepted' }, 503: { description: 'the pipeline is saturated (ingest_busy); retry later' } },
      handle: async ({ body, req, res }) => {
        const token = sourceToken(req.get('authorization'), req.get('x-lagebild-token'));
        if (!context.ingest) throw new UnavailableError('ingest');
        res.status(202).json(await context.ingest.accept(body.toString('utf8'), token));
      },
    }),
  ];
}
