import type { RouteDefinition } from '../route-definition.js';
import type { RouteContext } from '../route-context.js';
import { alertRoutes } from './alerts/router.js';
import { auditRoutes } from './audit/router.js';
import { authRoutes } from './auth/router.js';
import { entityRoutes } from './entities/router.js';
import { healthRoutes } from './health/router.js';
import { incidentRoutes } from './incidents/router.js';
import { ingestRoutes } from './ingest/router.js';
import { logSourceRoutes } from './log-sources/router.js';
import { organisationRoutes } from './organisations/router.js';
import { reportRoutes } from './reports/router.js';
import { ruleRoutes } from './rules/router.js';
import { suppressionRoutes } from './suppressions/router.js';
import { userRoutes } from './users/router.js';
import { warningRoutes } from './warnings/router.js';

/** The mount lines: a new resource is one folder and one entry here. */
export function resourceRoutes(context: RouteContext): RouteDefinition[] {
  return [
    ...healthRoutes(context),
    ...authRoutes(context),
    ...organisationRoutes(context),
    ...userRoutes(context),
    ...incidentRoutes(context),
    ...entityRoutes(context),
    ...reportRoutes(context),
    ...alertRoutes(context),
    ...auditRoutes(context),
    ...ruleRoutes(context),
    ...ingestRoutes(context),
    ...logSourceRoutes(context),
    ...warningRoutes(context),
    ...suppressionRoutes(context),
  ];
}
