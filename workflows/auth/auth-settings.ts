import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logging.js';
import type { Store } from '../../core/ports/stores.js';
import type { TriageStores } from '../../core/ports/triage-stores.js';
import type { AccessTokenSettings } from './access-token.js';
import type { LoginThrottle } from './login-throttle.js';

/** What the authentication use cases need, built once by the API. */
export interface AuthContext {
  store: Store & TriageStores;
  clock: Clock;
  logger: Logger;
  tokens: AccessTokenSettings;
  throttle: LoginThrottle;
  refreshTtlSeconds: number;
}

/** A refresh token lives a working day; every use replaces it, so an idle session ends on its own. */
export const REFRESH_TOKEN_TTL_SECONDS = 12 * 3600;
