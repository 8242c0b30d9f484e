import type { WarningViewer } from '../../core/ports/warning-stores.js';
import type { Principal } from '../auth/principal.js';

/** The store decides visibility from the caller's scope and, for TLP:RED, who they are. */
export function warningViewer(principal: Principal): WarningViewer {
  return { scope: principal.scope, userId: principal.userId };
}
