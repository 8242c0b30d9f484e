import type { AuditEntry } from '../../core/domain/audit.js';
import type { Incident } from '../../core/domain/incident.js';
import { canChange, type Scope } from '../../core/domain/scope.js';
import type { TriageDeps } from './triage-deps.js';

/** What an entry on a shared incident may show a scoped caller: state they see on the incident anyway. */
const SHARED_STATE = ['status', 'severity', 'tlp', 'title', 'mergedInto'] as const;

/**
 * An incident's audit trail as the caller may read it. Entries are kept per object, not per
 * organisation (one entry on a campaign concerns all its organisations), so no store query can cut
 * them by scope; this does. An officer's own incident is theirs entirely. Of a shared one they see
 * the entries the CERT or their own organisation wrote, and of each only the shared state and the
 * merged incidents in `visibleMerged` (a scoped store query): no other organisation's ids, people
 * (assignees, authors) or incidents.
 */
export async function scopedTimeline(deps: TriageDeps, scope: Scope, incident: Incident, entries: readonly AuditEntry[], visibleMerged: ReadonlySet<string>): Promise<AuditEntry[]> {
  if (scope.kind === 'all' || canChange(scope, incident.organizationIds)) return [...entries];
  const foreignActors = new Set<string>();
  for (const actor of new Set(entries.map((entry) => entry.actor))) {
    const user = await deps.store.users.findByUsername(actor);
    if (user?.organizationId && user.organizationId !== scope.organizationId) foreignActors.add(actor);
  }
  return entries.flatMap((entry) => {
    if (foreignActors.has(entry.actor)) return [];
    const before = sharedPart(entry.before, visibleMerged);
    const after = sharedPart(entry.after, visibleMerged);
    if (before === undefined && after === undefined) return [];
    // The organisation an entry is filed under is the incident's first, which may be another one.
    const shown: AuditEntry = { ...entry, before: before ?? {}, after: after ?? {} };
    delete shown.organizationId;
    return [shown];
  });
}

/** The shared state in one side of an entry; undefined when nothing of it is left to show. */
function sharedPart(side: unknown, visibleMerged: ReadonlySet<string>): Record<string, unknown> | undefined {
  if (side === null || typeof side !== 'object') return undefined;
  const record = side as Record<string, unknown>;
  const part: Record<string, unknown> = {};
  for (const key of SHARED_STATE) if (key in record) part[key] = record[key];
  if (Array.isArray(record.mergedSources)) {
    const visible = record.mergedSources.filter((id): id is string => typeof id === 'string' && visibleMerged.has(id));
    if (visible.length > 0) part.mergedSources = visible;
  }
  return Object.keys(part).length > 0 ? part : undefined;
}
