import type { IncidentStats, IncidentStatsQuery } from '../../core/ports/stores.js';
import type { Principal } from '../auth/principal.js';
import type { TriageDeps } from './triage-deps.js';

/** Without a window, the dashboard shows the last week by day or the last day by hour. */
const DEFAULT_WINDOW_MS = { hour: 24 * 3_600_000, day: 7 * 86_400_000 } as const;

/** The caller's scope goes into the store query, so the figures count only what they may see. */
export async function getIncidentStats(deps: TriageDeps, actor: Principal, query: Partial<IncidentStatsQuery>): Promise<IncidentStats> {
  const bucket = query.bucket ?? 'day';
  const to = query.to ?? deps.clock.now().toISOString();
  const from = query.from ?? new Date(Date.parse(to) - DEFAULT_WINDOW_MS[bucket]).toISOString();
  return deps.store.incidents.stats({ from, to, bucket }, actor.scope);
}
