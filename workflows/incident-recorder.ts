import { isAlert, type Alert } from '../core/domain/alert.js';
import type { Clock } from '../core/clock.js';
import { decodeJsonBatch, publishDeadLetters } from '../core/json-messages.js';
import { writeIsolatingRejections } from './store-rejections.js';
import type { MetricsRegistry } from '../core/metrics.js';
import { TOPICS, type Bus, type DeliveredMessage, type Subscription } from '../core/ports/bus.js';
import type { IncidentAlertUpdate, Store } from '../core/ports/stores.js';

export const INCIDENT_GROUP = 'lagebild-incidents';
/** A batch costs the store a few round trips whatever its size (see IncidentStore.recordAlerts), so larger batches catch up faster. */
const RECORDER_BATCH_SIZE = 1000;

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
  const deadLettered = options.metrics.counter('lagebild_dead_letters_total', 'Messages sent to the dead-letter topic by stage');
  return options.bus.subscribe({
    topic: TOPICS.alerts,
    group: INCIDENT_GROUP,
    maxBatchSize: RECORDER_BATCH_SIZE,
    handler: async (messages: DeliveredMessage[]) => {
      const decoded = await decodeJsonBatch(options.bus, messages, isAlert, (count) => deadLettered.inc({ stage: 'record' }, count));
      const alerts = decoded.map(({ value }) => value);
      const rejected = await writeIsolatingRejections(() => options.store.alerts.putMany(alerts), alerts.map((alert) => alert.alert.id), decoded.map(({ message }) => message));
      const refused = new Set(rejected.map(({ message }) => message));
      const stored = decoded.filter(({ message }) => !refused.has(message)).map(({ value }) => value);
      const now = options.clock.now();
      // One store call per batch: the store follows merges (mergedInto) and writes each incident once.
      await options.store.incidents.recordAlerts(stored.filter(opensIncident).map((alert) => options.incidentUpdateFor(alert, now)));
      recorded.inc({}, stored.length);
      deadLettered.inc({ stage: 'record' }, rejected.length);
      await publishDeadLetters(options.bus, rejected.map(({ message }) => message), (_, index) => `the store refused the alert: ${rejected[index]!.reason}`, 'store_rejected');
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
