import type { AuthContext } from '../workflows/auth/auth-settings.js';
import type { ApiDeps } from './api-deps.js';

/** What every resource's router is built from. */
export interface RouteContext extends ApiDeps {
  auth: AuthContext;
}
