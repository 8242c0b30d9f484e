import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { LagebildError } from '../../core/errors.js';
import type { Logger } from '../../core/logging.js';
import { requestIdOf } from './request-id.js';

export interface Problem {
  status: number;
  code: string;
  detail: string;
  /** Validation problems, one per field. */
  errors?: unknown;
  /** Further members (RFC 9457 §3.2 extensions), e.g. the allowed transitions. */
  extensions?: Record<string, unknown>;
}

/** Problem types are URNs: stable, resolvable by the code alone, and not tied to a host name. */
export function problemType(code: string): string {
  return `urn:lagebild:problem:${code}`;
}

/** Writes an RFC 9457 problem document. */
export function sendProblem(req: Request, res: Response, problem: Problem): void {
  const retryAfter = problem.extensions?.retryAfterSeconds;
  if (typeof retryAfter === 'number') res.set('Retry-After', String(retryAfter));
  res
    .status(problem.status)
    // Also for problems after the UI's files removed the API's no-store (see no-store.ts).
    .set('Cache-Control', 'no-store')
    .type('application/problem+json')
    .send(
      JSON.stringify({
        ...problem.extensions,
        type: problemType(problem.code),
        title: STATUS_CODES[problem.status] ?? 'Error',
        status: problem.status,
        detail: problem.detail,
        instance: req.originalUrl.split('?')[0],
        code: problem.code,
        requestId: requestIdOf(res),
        ...(problem.errors === undefined ? {} : { errors: problem.errors }),
      }),
    );
}

/** A server-side error may tell the client when to come back (`503 ingest_busy`); nothing else of its details is shown. */
function retryAfterOf(details: unknown): { extensions?: { retryAfterSeconds: number } } {
  const seconds = details !== null && typeof details === 'object' ? (details as { retryAfterSeconds?: unknown }).retryAfterSeconds : undefined;
  return typeof seconds === 'number' ? { extensions: { retryAfterSeconds: seconds } } : {};
}

export function notFoundHandler(): RequestHandler {
  return (req, res) => sendProblem(req, res, { status: 404, code: 'not_found', detail: `no route for ${req.method} ${req.path}` });
}

export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (error instanceof LagebildError && error.status < 500) {
      const details = error.details;
      const isList = Array.isArray(details);
      sendProblem(req, res, {
        status: error.status,
        code: error.code,
        detail: error.message,
        ...(isList ? { errors: details } : {}),
        ...(!isList && details !== null && typeof details === 'object' ? { extensions: details as Record<string, unknown> } : {}),
      });
      return;
    }
    // The router's decoding of a path parameter such as `/api/v1/incidents/%`: the client's fault.
    if (error instanceof URIError) {
      sendProblem(req, res, { status: 400, code: 'malformed_path', detail: 'the request path is not validly percent-encoded' });
      return;
    }
    if (error instanceof LagebildError) {
      // Server-side LagebildErrors (unavailable …) keep their code; their message names a component, not internals.
      logger.warn({ error, requestId: requestIdOf(res), code: error.code }, 'request failed');
      sendProblem(req, res, { status: error.status, code: error.code, detail: error.message, ...retryAfterOf(error.details) });
      return;
    }
    logger.error({ error, requestId: requestIdOf(res), method: req.method, path: req.path }, 'request failed unexpectedly');
    sendProblem(req, res, { status: 500, code: 'internal', detail: 'an unexpected error occurred; quote the request id when reporting it' });
  };
}
