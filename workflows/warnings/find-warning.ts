import { ALL } from '../../core/domain/scope.js';
import type { Warning } from '../../core/domain/warning.js';
import { NotFoundError } from '../../core/errors.js';
import type { WarningDeps } from './warning-deps.js';

/** For the CERT's own actions (edit, approve, publish), which see every warning. */
export async function findWarning(deps: WarningDeps, id: string): Promise<Warning> {
  const warning = await deps.store.warnings.get(id, { scope: ALL, userId: '' });
  if (!warning) throw new NotFoundError('warning');
  return warning;
}
