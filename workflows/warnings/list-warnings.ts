import type { Warning } from '../../core/domain/warning.js';
import type { Page } from '../../core/ports/stores.js';
import type { WarningQuery } from '../../core/ports/warning-stores.js';
import type { Principal } from '../auth/principal.js';
import type { WarningDeps } from './warning-deps.js';
import { warningViewer } from './warning-viewer.js';

/** The CERT's list of all warnings, or an organisation's inbox: the store applies which. */
export function listWarnings(deps: WarningDeps, actor: Principal, query: WarningQuery): Promise<Page<Warning>> {
  return deps.store.warnings.list(query, warningViewer(actor));
}
