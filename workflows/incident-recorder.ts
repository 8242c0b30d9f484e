import { isAlert, type Alert, type RuleLevel } from '../core/domain/alert.js';
import type { Clock } from '../core/clock.js';
import { decodeJsonBatch, publishDeadLetters } from '../core/json-messages.js';
import { writeIsolatingRejections } from './store-rejections.js';
import type { MetricsRegistry } from '../core/metrics.js';
import { TOPICS, type Bus, type DeliveredMessage, type Subscription } from '../core/ports/bus.js';
import type { IncidentAlertUpdate, Store } from '../core/ports/stores.js';
import { DEFAULT_STORY_FILING, fileIntoStories, UNATTRIBUTED, type StoryFilingOptions } from './incident-stories/file-into-stories.js';
import { criticalOrganisations } from './incident-stories/critical-organisations.js';
import { linkIntoCampaigns } from './incident-stories/link-into-campaigns.js';
import type { SuppressionFilter } from './suppressions/suppression-filter.js';

export const INCIDENT_GROUP = 'lagebild-incidents';
/** A batch costs the store a few round trips whatever its size (see IncidentStore.recordAlerts), so larger batches catch up faster. */
const RECORDER_BATCH_SIZE = 1000;

/**
 * Stores the alerts of the `alerts` topic and files each into its organisation's story (see
 * workflows/incident-stories/), then into the campaign the story belongs to. Every write is
 * idempotent by id, so at-least-once delivery never duplicates an alert or inflates an incident;
 * the batch is committed only after the store acknowledged all of them.
 */
export async function startIncidentRecorder(options: {
  bus: Bus;
  store: Store;
  clock: Clock;
  metrics: MetricsRegistry;
  incidentUpdateFor: (alert: Alert, organizationId: string, now: Date) => IncidentAlertUpdate;
  stories?: StoryFilingOptions;
  /** Suppressions analysts set: a matching alert is stored but joins no incident. */
  suppressions?: SuppressionFilter;
}): Promise<Subscription> {
  const storyOptions = options.stories ?? DEFAULT_STORY_FILING;
  const recorded = options.metrics.counter('lagebild_alerts_recorded_total', 'Alerts stored and folded into incidents');
  const suppressed = options.metrics.counter('lagebild_alerts_suppressed_total', 'Alerts stored but kept out of incidents by a suppression');
  const deadLettered = options.metrics.counter('lagebild_dead_letters_total', 'Messages sent to the dead-letter topic by stage');
  const critical = criticalOrganisations(options.store, options.clock);
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
      const criticalIds = await critical();
      const updateFor = (alert: Alert, organizationId: string) => ({
        ...options.incidentUpdateFor(alert, organizationId, now),
        organizationId,
        risk: riskOf(alert),
        organisationCritical: criticalIds.has(organizationId),
      });
      const filing = await withoutSuppressed(stored, options.suppressions);
      suppressed.inc({}, stored.length - filing.length);
      const updates = filing.flatMap((alert) => organisationsOf(alert).map((organizationId) => updateFor(alert, organizationId)));
      const filed = await fileIntoStories({ ...options, updateFor }, updates, storyOptions);
      // One store call per batch: the store follows merges (mergedInto) and writes each incident once.
      await options.store.incidents.recordAlerts(filed);
      await options.store.incidents.recordAlerts(await linkIntoCampaigns(options, filed, storyOptions));
      recorded.inc({}, stored.length);
      deadLettered.inc({ stage: 'record' }, rejected.length);
      await publishDeadLetters(options.bus, rejected.map(({ message }) => message), (_, index) => `the store refused the alert: ${rejected[index]!.reason}`, 'store_rejected');
    },
  });
}

async function withoutSuppressed(alerts: Alert[], filter: SuppressionFilter | undefined): Promise<Alert[]> {
  if (filter === undefined) return alerts;
  const kept: Alert[] = [];
  for (const alert of alerts) if ((await filter.isSuppressed(alert)) === undefined) kept.push(alert);
  return kept;
}

/** An alert over several organisations' events (a correlation across the constituency) counts for each. */
function organisationsOf(alert: Alert): string[] {
  if (alert.organization.id !== null) return [alert.organization.id];
  const ids = [...new Set(alert.organization.ids ?? [])];
  // Events from no known network still deserve an incident; it belongs to no organisation, so only the CERT sees it.
  return ids.length > 0 ? ids : [UNATTRIBUTED];
}

/**
 * Weak alerts — informational (an ordinary successful logon) and low (a single failed logon, a new
 * service) — would bury the queue if each opened an incident. They join the story of an entity
 * already under suspicion, and otherwise add this much to their entities' risk: four low alerts on
 * one host within the story window open an incident (the threshold is 100).
 */
const RISK_WEIGHTS: Partial<Record<RuleLevel, number>> = { informational: 10, low: 25 };

export function riskOf(alert: Alert): number {
  return RISK_WEIGHTS[alert.rule.level] ?? 0;
}
