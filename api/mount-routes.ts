import type express from 'express';
import type { RequestHandler } from 'express';
import type { Clock } from '../core/clock.js';
import type { Store } from '../core/ports/stores.js';
import { authenticate, principalOf, requirePermission } from './middleware/authenticate.js';
import { routeLabel } from './middleware/http-metrics.js';
import { readBody } from './middleware/read-body.js';
import { validateInput } from './middleware/validate-input.js';
import type { RouteDefinition } from './route-definition.js';

/** Turns each route definition into its chain: label → authenticate → permission → body parser → validate → handler. */
export function mountRoutes(app: express.Express, routes: readonly RouteDefinition[], deps: { store: Pick<Store, 'users'>; clock: Clock; jwtSecret: string }): void {
  const json = readBody('json');
  const raw = readBody('raw');
  for (const route of routes) {
    const chain: RequestHandler[] = [
      (_req, res, next) => {
        routeLabel(res, route.path);
        next();
      },
    ];
    if (route.access !== 'public') chain.push(authenticate(deps, route.allowPendingPasswordChange ?? false));
    if (route.access !== 'public' && route.access !== 'authenticated') chain.push(requirePermission(route.access));
    if (route.body) chain.push(route.bodyFormat === 'raw' ? raw : json);
    chain.push(async (req, res) => {
      const input = validateInput(route, req);
      const principal = route.access === 'public' ? undefined : principalOf(res);
      await route.handle({ ...input, principal, req, res });
    });
    app[route.method](route.path, ...chain);
  }
}
