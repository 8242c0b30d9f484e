import { isAlert, type Alert } from '../core/domain/alert.js';
import type { Clock } from '../core/clock.js';
import { ALL } from '../core/domain/scope.js';
import { decodeJsonBatch } from '../core/json-messages.js';
import type { MetricsRegistry } from '../core/metrics.js';
import { TOPICS, type Bus, type DeliveredMessage, type Subscription } from '../core/ports/bus.js';
import type { IncidentAlertUpdate, Store } from '../core/ports/stores.js';

export const INCIDENT_GROUP = 'lagebild-incidents';

/**
 * Stores the alerts of the `alerts` topic and folds each into its incident. Both writes are
 * idempotent by id, so at-least-once delivery never duplicates an alert or inflates an incident;
 * the batch is committed only after the store acknowledged both.
 */
export async function startIncidentRecorder(options: {
  bus: Bus;
  store: Store;
  clock: Clock;
  metrics: MetricsRegistry;
  incidentUpdateFor: (alert: Alert, now: Date) => IncidentAlertUpdate;
}): Promise<Subscription> {
  const recorded = options.metrics.counter('lagebild_alerts_recorded_total', 'Alerts stored and folded into incidents');
  return options.bus.subscribe({
    topic: TOPICS.alerts,
    group: INCIDENT_GROUP,
    handler: async (messages: DeliveredMessage[]) => {
      const alerts = await decodeJsonBatch(options.bus, messages, isAlert);
      await options.store.alerts.putMany(alerts);
      const now = options.clock.now();
      for (const alert of alerts.filter(opensIncident)) {
        const update = options.incidentUpdateFor(alert, now);
        await options.store.incidents.recordAlert({ ...update, incidentId: await mergeTarget(options.store, update.incidentId) });
      }
      recorded.inc({}, alerts.length);
    },
  });
}

/**
 * Informational alerts (an ordinary successful logon) are kept as context — searchable, shown with
 * the events of other alerts — but would bury the queue if each opened an incident.
 */
export function opensIncident(alert: Alert): boolean {
  return alert.rule.level !== 'informational';
}

/** Alerts of an incident that an analyst merged into another belong to the target from then on. */
async function mergeTarget(store: Store, incidentId: string): Promise<string> {
  let id = incidentId;
  for (let hops = 0; hops < 10; hops += 1) {
    const incident = await store.incidents.get(id, ALL);
    if (!incident?.mergedInto) return id;
    id = incident.mergedInto;
  }
  return id;
}
