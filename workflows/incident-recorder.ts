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
export const RECORDER_BATCH_SIZE = 1000;

/** What filing alerts into incidents needs: the recorder's options without the bus. */
export interface AlertRecordingDeps {
  store: Store;
  clock: Clock;
  incidentUpdateFor: (alert: Alert, organizationId: string, now: Date) => IncidentAlertUpdate;
  stories?: StoryFilingOptions;
  /** Suppressions analysts set: a matching alert is stored but joins no incident. */
  suppressions?: SuppressionFilter;
  /** The organisations the registry flags critical, whose stories weigh more (criticalOrganisations). */
  critical: () => Promise<ReadonlySet<string>>;
}

export interface RecordedBatch {
  /** Alerts the store refused for their content; the others are stored and filed. */
  rejected: { alert: Alert; reason: string }[];
  /** Alerts stored but kept out of incidents by a suppression. */
  suppressed: number;
}

/**
 * Stores a batch of alerts and files each into its organisation's story (see
 * workflows/incident-stories/), then into the campaign the story belongs to: what the recorder does
 * with every batch it consumes, and what the quality bench runs to count incidents as analysts see
 * them. Every write is idempotent by id, so a batch filed twice changes nothing.
 */
export async function recordAlertBatch(deps: AlertRecordingDeps, alerts: readonly Alert[]): Promise<RecordedBatch> {
  const storyOptions = deps.stories ?? DEFAULT_STORY_FILING;
  const rejected = await writeIsolatingRejections(() => deps.store.alerts.putMany([...alerts]), alerts.map((alert) => alert.alert.id), alerts);
  const refused = new Set(rejected.map(({ item }) => item));
  const stored = alerts.filter((alert) => !refused.has(alert));
  const now = deps.clock.now();
  const criticalIds = await deps.critical();
  const updateFor = (alert: Alert, organizationId: string) => ({
    ...deps.incidentUpdateFor(alert, organizationId, now),
    organizationId,
    risk: riskOf(alert),
    organisationCritical: criticalIds.has(organizationId),
  });
  const filing = await withoutSuppressed(stored, deps.suppressions);
  const updates = filing.flatMap((alert) => organisationsOf(alert).map((organizationId) => updateFor(alert, organizationId)));
  const filed = await fileIntoStories({ store: deps.store, clock: deps.clock, updateFor }, updates, storyOptions);
  // One store call per batch: the store follows merges (mergedInto) and writes each incident once.
  await deps.store.incidents.recordAlerts(filed);
  await deps.store.incidents.recordAlerts(await linkIntoCampaigns(deps, filed, storyOptions));
  return { rejected: rejected.map(({ item, reason }) => ({ alert: item, reason })), suppressed: stored.length - filing.length };
}

/**
 * Stores the alerts of the `alerts` topic and files them into incidents (recordAlertBatch). The
 * batch is committed only after the store acknowledged all of them, so at-least-once delivery never
 * duplicates an alert or inflates an incident.
 */
export async function startIncidentRecorder(options: Omit<AlertRecordingDeps, 'critical'> & { bus: Bus; metrics: MetricsRegistry }): Promise<Subscription> {
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
      const batch = await recordAlertBatch({ ...options, critical }, decoded.map(({ value }) => value));
      const messageOf = new Map(decoded.map(({ value, message }) => [value, message]));
      suppressed.inc({}, batch.suppressed);
      recorded.inc({}, decoded.length - batch.rejected.length);
      deadLettered.inc({ stage: 'record' }, batch.rejected.length);
      await publishDeadLetters(options.bus, batch.rejected.map(({ alert }) => messageOf.get(alert)!), (_, index) => `the store refused the alert: ${batch.rejected[index]!.reason}`, 'store_rejected');
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
 * Weak alerts — informational (an ordinary successful logon) and low (a new service, malware the
 * anti-virus removed, a port scan from the internet) — would bury the queue if each opened an
 * incident. They join the story of an entity already under suspicion, and otherwise add this much to
 * their entities' risk, each rule once per entity: low alerts of four different rules on one host
 * within the story window open an incident (the threshold is 100); informational ones never add up
 * to it alone, as the default rule set has two that alert.
 */
const RISK_WEIGHTS: Partial<Record<RuleLevel, number>> = { informational: 10, low: 25 };

export function riskOf(alert: Alert): number {
  return RISK_WEIGHTS[alert.rule.level] ?? 0;
}
