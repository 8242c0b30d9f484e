import { ConflictError } from '../../core/errors.js';
import type { Incident, Severity } from '../../core/domain/incident.js';
import { ALL } from '../../core/domain/scope.js';
import { auditChange } from '../triage/audit-change.js';
import type { JobDeps } from './job-deps.js';

const PAGE_SIZE = 200;
const QUIET_SEVERITIES: Severity[] = ['informational', 'low'];
export const AUTO_CLOSE_ACTOR = 'lagebild';

/**
 * Closes incidents no analyst ever looked at (still `new`), of informational or low severity, that have
 * had no alert for the quiet period: they would otherwise fill the queue for ever and hide what matters.
 * Anything an analyst touched, anything medium or worse, and anything still active stays open. Each
 * close goes through the versioned update, so an analyst who changes the incident meanwhile wins, and
 * is audited with a note that the timeline shows. Returns how many incidents it closed.
 */
export async function autoCloseQuietIncidents(deps: Pick<JobDeps, 'store' | 'clock' | 'logger' | 'autoCloseQuietDays'>): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - deps.autoCloseQuietDays * 86_400_000).toISOString();
  // Collected before closing: each close takes an incident out of the query, which would shift the pages.
  const quiet: Incident[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.incidents.list({ status: ['new'], severity: QUIET_SEVERITIES, sort: 'lastSeen', order: 'asc', limit: PAGE_SIZE, ...(cursor === undefined ? {} : { cursor }) }, ALL);
    quiet.push(...page.items.filter((incident) => incident.lastSeen < cutoff));
    // Sorted by lastSeen ascending: once a page ends past the cut-off, no later page holds a quiet one.
    const last = page.items.at(-1);
    cursor = last !== undefined && last.lastSeen < cutoff ? page.nextCursor : undefined;
  } while (cursor !== undefined);

  let closed = 0;
  for (const incident of quiet) {
    const now = deps.clock.now().toISOString();
    try {
      await deps.store.incidents.update(incident.id, incident.version, { status: 'closed' }, ALL, now);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      deps.logger.info({ incidentId: incident.id }, 'incident changed while auto-closing; left to the next run');
      continue;
    }
    await auditChange(deps, AUTO_CLOSE_ACTOR, {
      action: 'incident.auto_close',
      objectType: 'incident',
      objectId: incident.id,
      before: { status: incident.status },
      after: { status: 'closed', note: `No alert for ${deps.autoCloseQuietDays} days since ${incident.lastSeen} and never triaged (severity ${incident.severity}); closed automatically.` },
      organizationId: incident.organizationIds[0] ?? null,
    });
    closed += 1;
  }
  deps.logger.info({ cutoff, closed, candidates: quiet.length }, 'quiet incidents auto-closed');
  return closed;
}
