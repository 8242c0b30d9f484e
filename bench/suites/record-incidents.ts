import { SqliteStore } from '../../adapters/store/sqlite/sqlite-store.js';
import { ManualClock } from '../../core/clock.js';
import type { Alert } from '../../core/domain/alert.js';
import type { Incident } from '../../core/domain/incident.js';
import type { Organisation } from '../../core/domain/organisation.js';
import { ALL } from '../../core/domain/scope.js';
import { silentLogger } from '../../core/logging.js';
import { incidentUpdateFor } from '../../detectors/incidents/incident-update.js';
import { recordAlertBatch, RECORDER_BATCH_SIZE } from '../../workflows/incident-recorder.js';
import { criticalOrganisations } from '../../workflows/incident-stories/critical-organisations.js';

/** An alert as the detector published it, with the (simulated) time of the event that raised it. */
export interface ArrivedAlert {
  alert: Alert;
  arrivalMs: number;
}

const PAGE = 500;

/**
 * Files the alerts into incidents exactly as the service's incident recorder does
 * (`recordAlertBatch`: store, story grouping, campaigns), in detection order and in the recorder's
 * batch size, on an in-memory SQLite store that holds the constituency's registry. The clock is the
 * arrival time of the batch's newest alert, so that the replay's "now" is the simulated one. Returns
 * every incident not merged into another: organisations' incidents, campaign children and campaigns.
 */
export async function recordIncidents(alerts: readonly ArrivedAlert[], organisations: readonly Organisation[]): Promise<Incident[]> {
  const store = new SqliteStore({ path: ':memory:', logger: silentLogger() });
  try {
    for (const organisation of organisations) await store.organisations.upsert(organisation);
    const clock = new ManualClock(new Date(alerts[0]?.arrivalMs ?? 0));
    const critical = criticalOrganisations(store, clock);
    for (let start = 0; start < alerts.length; start += RECORDER_BATCH_SIZE) {
      const batch = alerts.slice(start, start + RECORDER_BATCH_SIZE);
      clock.set(new Date(Math.max(...batch.map(({ arrivalMs }) => arrivalMs))));
      const recorded = await recordAlertBatch({ store, clock, incidentUpdateFor, critical }, batch.map(({ alert }) => alert));
      if (recorded.rejected.length > 0) throw new Error(`the store refused ${recorded.rejected.length} alerts, first: ${recorded.rejected[0]!.reason}`);
    }
    const incidents: Incident[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.incidents.list({ limit: PAGE, sort: 'createdAt', order: 'asc', ...(cursor === undefined ? {} : { cursor }) }, ALL);
      incidents.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return incidents.filter((incident) => (incident.mergedInto ?? null) === null);
  } finally {
    await store.close();
  }
}
