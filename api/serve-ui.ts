import path from 'node:path';
import express, { type RequestHandler } from 'express';
import { routeLabel } from './middleware/http-metrics.js';

/** Paths the UI must never shadow: an unknown API path is a 404 problem, not the index page. */
const NOT_UI = /^\/(api|healthz|readyz|metrics)(\/|$)/;

/** The built SPA; any other GET that is not an API path gets index.html so that client-side routes load. */
export function serveUi(uiDir: string): RequestHandler[] {
  const root = path.resolve(uiDir);
  const files = express.static(root, { index: 'index.html', fallthrough: true });
  return [
    (req, res, next) => {
      if (NOT_UI.test(req.path)) return next();
      routeLabel(res, 'ui');
      // The UI's files may be cached as usual (send sets its own Cache-Control only when none is set).
      res.removeHeader('Cache-Control');
      files(req, res, next);
    },
    (req, res, next) => {
      if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_UI.test(req.path)) return next();
      res.sendFile(path.join(root, 'index.html'), (error) => {
        if (error) next();
      });
    },
  ];
}
