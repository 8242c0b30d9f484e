import type { Incident } from '../../core/domain/incident.js';
import { canChange, type Scope } from '../../core/domain/scope.js';
import { LagebildError } from '../../core/errors.js';

/**
 * An officer sees an incident their organisation shares with others (a campaign, or duplicates the
 * CERT merged), but it is not theirs alone: a status, TLP or assignee they set would hold for every
 * other organisation, and a merge would move evidence they cannot see. Such changes are the CERT's.
 * The store refuses the write as well (IncidentStore.update); this gives the caller the reason.
 */
export function assertChangeable(scope: Scope, incident: Pick<Incident, 'id' | 'organizationIds'>): void {
  if (canChange(scope, incident.organizationIds)) return;
  throw new LagebildError('incident_shared', `incident ${incident.id} is shared with other organisations; only the CERT can change it`, { status: 403, details: { id: incident.id } });
}
