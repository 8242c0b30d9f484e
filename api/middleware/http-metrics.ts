import type { RequestHandler, Response } from 'express';
import type { Logger } from '../../core/logging.js';
import type { MetricsRegistry } from '../../core/metrics.js';
import { requestIdOf } from './request-id.js';

/** The route template, not the URL, labels the counter: ids in paths would make the series unbounded. */
export function routeLabel(res: Response, label: string): void {
  res.locals.routeLabel = label;
}

export function httpMetrics(metrics: MetricsRegistry, logger: Logger): RequestHandler {
  const requests = metrics.counter('lagebild_http_requests_total', 'HTTP requests answered, by method, route template and status');
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = typeof res.locals.routeLabel === 'string' ? res.locals.routeLabel : 'unmatched';
      requests.inc({ method: req.method, route, status: String(res.statusCode) });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.debug({ requestId: requestIdOf(res), method: req.method, route, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request answered');
    });
    next();
  };
}
