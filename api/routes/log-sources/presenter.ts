import type { LogSource } from '../../../core/ports/triage-stores.js';

/** Never the token hash: it is of no use to a reader and one step closer to the token. */
export function presentLogSource(source: LogSource) {
  return {
    id: source.id,
    organizationId: source.organizationId,
    name: source.name,
    ...(source.parser === undefined ? {} : { parser: source.parser }),
    createdAt: source.createdAt,
    revokedAt: source.revokedAt,
  };
}
