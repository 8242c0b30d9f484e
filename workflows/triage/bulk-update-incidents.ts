import type { Incident } from '../../core/domain/incident.js';
import { LagebildError, NotFoundError } from '../../core/errors.js';
import type { IncidentPatch } from '../../core/ports/stores.js';
import type { Principal } from '../auth/principal.js';
import type { TriageDeps } from './triage-deps.js';
import { updateIncident } from './update-incident.js';

export type BulkItemResult = { id: string; ok: true; incident: Incident } | { id: string; ok: false; status: number; code: string; detail: string };

/**
 * Applies one patch to many incidents, each at the version read just before, each on its own: one
 * incident that cannot take the change (wrong state, out of scope, raced) does not stop the others.
 */
export async function bulkUpdateIncidents(deps: TriageDeps, actor: Principal, ids: readonly string[], patch: IncidentPatch): Promise<BulkItemResult[]> {
  const results: BulkItemResult[] = [];
  for (const id of new Set(ids)) {
    try {
      const current = await deps.store.incidents.get(id, actor.scope);
      if (!current) throw new NotFoundError('incident');
      results.push({ id, ok: true, incident: await updateIncident(deps, actor, id, current.version, patch) });
    } catch (error) {
      if (!(error instanceof LagebildError) || error.status >= 500) throw error;
      results.push({ id, ok: false, status: error.status, code: error.code, detail: error.message });
    }
  }
  return results;
}
