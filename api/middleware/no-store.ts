import type { RequestHandler } from 'express';

/**
 * API answers carry incidents, users and tokens: no browser or proxy cache may keep them (a shared
 * workstation's back button, a caching proxy in an authority's network). Set on every response up
 * front; the UI's static files replace it with their own caching (see serve-ui).
 */
export function noStore(): RequestHandler {
  return (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  };
}
