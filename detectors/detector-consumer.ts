import type { Alert } from '../core/domain/alert.js';
import type { EcsEvent } from '../core/domain/ecs.js';
import { decodeJsonBatch } from '../core/json-messages.js';
import type { MetricsRegistry } from '../core/metrics.js';
import { TOPICS, type Bus, type DeliveredMessage, type Subscription } from '../core/ports/bus.js';
import type { DetectionEngine } from './detection-engine.js';

export const DETECTOR_GROUP = 'lagebild-detectors';
/** Alerts of correlations across organisations have no organisation; they share one key. */
export const CAMPAIGN_KEY = 'campaign';

/**
 * Runs every event of the `events` topic through the detection engine and publishes the alerts,
 * keyed by organisation. The batch is committed only after the alerts are acknowledged, so a crash
 * replays the batch; alert ids are deterministic, so the replay produces the same alerts again.
 */
export async function startDetectorConsumer(options: { bus: Bus; engine: () => DetectionEngine; metrics: MetricsRegistry }): Promise<Subscription> {
  const processed = options.metrics.counter('lagebild_detector_events_total', 'Events evaluated by the detectors');
  const produced = options.metrics.counter('lagebild_detector_alerts_total', 'Alerts produced by rule type');
  const malformed = options.metrics.counter('lagebild_dead_letters_total', 'Messages sent to the dead-letter topic by stage');

  return options.bus.subscribe({
    topic: TOPICS.events,
    group: DETECTOR_GROUP,
    handler: async (messages: DeliveredMessage[]) => {
      const engine = options.engine();
      const events = await decodeJsonBatch<EcsEvent>(options.bus, messages, (count) => malformed.inc({ stage: 'detect' }, count));
      const alerts: Alert[] = [];
      for (const event of events) alerts.push(...engine.process(event));
      processed.inc({}, events.length);
      if (alerts.length === 0) return;
      for (const alert of alerts) produced.inc({ type: alert.rule.type });
      await options.bus.publish(
        TOPICS.alerts,
        alerts.map((alert) => ({ key: alert.organization.id ?? CAMPAIGN_KEY, value: JSON.stringify(alert) })),
      );
    },
  });
}

