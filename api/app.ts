import express from 'express';
import helmet from 'helmet';
import { LagebildError } from '../core/errors.js';
import { componentLogger } from '../core/logging.js';
import { REFRESH_TOKEN_TTL_SECONDS, type AuthContext } from '../workflows/auth/auth-settings.js';
import { LoginThrottle } from '../workflows/auth/login-throttle.js';
import type { ApiDeps } from './api-deps.js';
import { httpMetrics } from './middleware/http-metrics.js';
import { noStore } from './middleware/no-store.js';
import { notFoundHandler, problemHandler } from './middleware/problem-details.js';
import { requestId } from './middleware/request-id.js';
import { mountRoutes } from './mount-routes.js';
import { openApiDocument } from './openapi-document.js';
import type { RouteDefinition } from './route-definition.js';
import { resourceRoutes } from './routes/index.js';
import { openApiRoutes } from './routes/openapi/router.js';
import { serveUi } from './serve-ui.js';

const API_VERSION = '1.0.0';

/**
 * The HTTP API and UI as an express app, without listening: the composition root decides where it
 * runs, tests start it on an ephemeral port. Every route comes from `routes/index.ts`, and the
 * OpenAPI document is generated from the very same list.
 */
export function createApp(deps: ApiDeps): express.Express {
  const jwtSecret = deps.config.jwtSecret;
  if (!jwtSecret) throw new LagebildError('config_invalid', 'the API needs config.jwtSecret (LAGEBILD_JWT_SECRET); embedded mode generates one');
  const logger = componentLogger(deps.logger, 'api');
  const auth: AuthContext = {
    store: deps.store,
    clock: deps.clock,
    logger: componentLogger(deps.logger, 'auth'),
    tokens: { secret: jwtSecret, ttlSeconds: deps.config.accessTokenTtlSeconds },
    throttle: new LoginThrottle(deps.store.loginAttempts, deps.clock),
    refreshTtlSeconds: REFRESH_TOKEN_TTL_SECONDS,
  };
  const context = { ...deps, auth };

  let document: Record<string, unknown> | undefined;
  const routes: RouteDefinition[] = [...resourceRoutes(context), ...openApiRoutes(() => (document ??= openApiDocument(routes, API_VERSION)))];

  const app = express();
  app.disable('x-powered-by');
  app.use(requestId());
  app.use(noStore());
  app.use(httpMetrics(deps.metrics, logger));
  app.use(
    helmet({
      // No inline scripts or styles anywhere: the UI is built to files, so 'self' is all it needs.
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
    }),
  );
  mountRoutes(app, routes, { store: deps.store, clock: deps.clock, jwtSecret });
  if (deps.uiDir) app.use(...serveUi(deps.uiDir));
  app.use(notFoundHandler());
  app.use(problemHandler(logger));
  return app;
}
