import { ALL } from '../../core/domain/scope.js';
import { ValidationError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { LogSource } from '../../core/ports/triage-stores.js';
import type { Principal } from '../auth/principal.js';
import { auditChange } from '../triage/audit-change.js';
import type { TriageDeps } from '../triage/triage-deps.js';
import { newSourceToken } from './source-token.js';

export interface NewLogSource {
  organizationId: string;
  name: string;
  parser?: string;
}

/** The plaintext token is returned here and nowhere else: the store keeps its hash only. */
export async function createLogSource(deps: TriageDeps, actor: Principal, input: NewLogSource): Promise<{ source: LogSource; token: string }> {
  if (!(await deps.store.organisations.get(input.organizationId, ALL))) {
    throw new ValidationError('unknown organisation', [{ path: 'organizationId', message: `no organisation ${input.organizationId}` }]);
  }
  const { token, tokenHash } = newSourceToken();
  const source: LogSource = {
    id: newId(),
    organizationId: input.organizationId,
    name: input.name,
    ...(input.parser === undefined ? {} : { parser: input.parser }),
    tokenHash,
    createdAt: deps.clock.now().toISOString(),
    revokedAt: null,
  };
  await deps.store.logSources.upsert(source);
  // The audit trail names the source, not its token hash.
  const audited = { id: source.id, organizationId: source.organizationId, name: source.name, parser: source.parser ?? 'auto', createdAt: source.createdAt };
  await auditChange(deps, actor.username, { action: 'logsource.create', objectType: 'logsource', objectId: source.id, after: audited, organizationId: source.organizationId });
  return { source, token };
}
