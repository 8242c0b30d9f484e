import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';

/** Ids from a proxy are kept so one request can be followed across services; anything odd is replaced. */
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestId(): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    const id = incoming && ACCEPTABLE.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = id;
    res.set('X-Request-Id', id);
    next();
  };
}

export function requestIdOf(res: Response): string {
  return String(res.locals.requestId ?? '');
}
