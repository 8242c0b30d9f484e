import type { TriageStores } from '../../core/ports/triage-stores.js';
import { hashSourceToken } from './source-token.js';

export interface ResolvedSource {
  organizationId: string;
  parser?: string;
}

/** For HTTP ingest: the organisation (and parser) a token stands for, or undefined for unknown and revoked tokens. */
export function resolveSourceToken(store: Pick<TriageStores, 'logSources'>): (token: string) => Promise<ResolvedSource | undefined> {
  return async (token) => {
    const source = await store.logSources.findByTokenHash(hashSourceToken(token));
    if (source === undefined || source.revokedAt !== null) return undefined;
    return { organizationId: source.organizationId, ...(source.parser === undefined ? {} : { parser: source.parser }) };
  };
}
