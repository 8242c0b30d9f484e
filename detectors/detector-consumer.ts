import type { Alert } from '../core/domain/alert.js';
import { isEcsEvent } from '../core/domain/ecs.js';
import { decodeJsonBatch, publishDeadLetters } from '../core/json-messages.js';
import type { MetricsRegistry } from '../core/metrics.js';
import { TOPICS, type Bus, type DeliveredMessage, type OutgoingMessage, type Subscription } from '../core/ports/bus.js';
import type { KeyedCorrelationInput } from './correlation/correlation-input.js';
import type { DetectionEngine } from './detection-engine.js';

export const DETECTOR_GROUP = 'lagebild-detectors';
/** Alerts of correlations across organisations have no organisation; they share one key. */
export const CAMPAIGN_KEY = 'campaign';
/**
 * Inputs of correlations that group across organisations, keyed by their group-by values (the
 * `events` topic is keyed by organisation, so one detector sees only some organisations).
 */
export const REKEYED_TOPIC = 'correlation.rekeyed';

export interface DetectorConsumerOptions {
  bus: Bus;
  engine: () => DetectionEngine;
  metrics: MetricsRegistry;
  /**
   * Sends the inputs of cross-organisation correlations to `REKEYED_TOPIC` instead of evaluating
   * them here; `startCrossOrgCorrelationConsumer` must then run too. Off, every correlation is
   * evaluated here, which is right only when one consumer sees every organisation.
   */
  rekeyCrossOrg?: boolean;
  /** How often time alone is given the chance to decide (silent correlation keys, held-back repeats). */
  tickMs?: number;
}

/**
 * Runs every event of the `events` topic through the detection engine and publishes the alerts,
 * keyed by organisation. The batch is committed only after the alerts (and re-keyed correlation
 * inputs) are acknowledged, so a crash replays the batch; alert ids are deterministic, so the
 * replay produces the same alerts again.
 */
export async function startDetectorConsumer(options: DetectorConsumerOptions): Promise<Subscription> {
  const processed = options.metrics.counter('lagebild_detector_events_total', 'Events evaluated by the detectors');
  const produced = options.metrics.counter('lagebild_detector_alerts_total', 'Alerts produced by rule type');
  const deadLettered = options.metrics.counter('lagebild_dead_letters_total', 'Messages sent to the dead-letter topic by stage');
  const rekeyed = options.metrics.counter('lagebild_correlation_inputs_total', 'Correlation inputs re-keyed for cross-organisation correlations');
  const reportStats = statsReporter(options.metrics);
  const publishOutcome = async (alerts: Alert[], inputs: KeyedCorrelationInput[]): Promise<void> => {
    if (inputs.length > 0) {
      rekeyed.inc({}, inputs.length);
      await options.bus.publish(REKEYED_TOPIC, inputs.map(({ key, input }) => ({ key, value: JSON.stringify(input) })));
    }
    await publishAlerts(options.bus, alerts, (alert) => produced.inc({ type: alert.rule.type }));
  };

  // An idle stream still gets what only time decides. What a tick could not publish (the bus
  // refused) is kept and sent with the next tick, so a broker outage loses none of it.
  let unsent: { alerts: Alert[]; inputs: KeyedCorrelationInput[] } = { alerts: [], inputs: [] };
  let ticking: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    ticking = ticking.then(async () => {
      const engine = options.engine();
      const pending = unsent;
      pending.alerts.push(...engine.tick(options.rekeyCrossOrg ? (input) => void pending.inputs.push(input) : undefined));
      reportStats(engine);
      if (pending.alerts.length === 0 && pending.inputs.length === 0) return;
      unsent = { alerts: [], inputs: [] };
      // Inputs and alerts separately: resending inputs already sent would count them twice.
      await publishOutcome([], pending.inputs).then(
        () => publishOutcome(pending.alerts, []).catch(() => unsent.alerts.push(...pending.alerts)),
        () => {
          unsent = pending;
        },
      );
    });
  }, options.tickMs ?? 1000);
  timer.unref();

  const subscription = await options.bus.subscribe({
    topic: TOPICS.events,
    group: DETECTOR_GROUP,
    handler: async (messages: DeliveredMessage[]) => {
      const engine = options.engine();
      const alerts: Alert[] = [];
      const inputs: KeyedCorrelationInput[] = [];
      const failed: DeliveredMessage[] = [];
      const rekey = options.rekeyCrossOrg ? (input: KeyedCorrelationInput) => void inputs.push(input) : undefined;
      const events = await decodeJsonBatch(options.bus, messages, isEcsEvent, (count) => deadLettered.inc({ stage: 'detect' }, count));
      for (const { value: event, message } of events) {
        // Rules walk attacker-shaped events: one that trips the engine is that event's dead letter, not its batch's.
        try {
          for (const alert of engine.process(event, rekey)) alerts.push(alert);
        } catch {
          failed.push(message);
        }
      }
      processed.inc({}, events.length - failed.length);
      deadLettered.inc({ stage: 'detect' }, failed.length);
      reportStats(engine);
      await publishDeadLetters(options.bus, failed, 'the detection engine failed on this event', 'detect_failed');
      await publishOutcome(alerts, inputs);
    },
  });
  return {
    stop: async () => {
      clearInterval(timer);
      await ticking;
      await subscription.stop();
    },
  };
}

/**
 * Turns the engine's running totals into metrics: late events as a counter (only its growth is
 * added, and a fresh engine after a reload starts the difference anew), live correlation keys and
 * followed sources as gauges.
 */
function statsReporter(metrics: MetricsRegistry): (engine: DetectionEngine) => void {
  const late = metrics.counter('lagebild_detector_late_events_total', 'Events later than the allowed lateness: checked by single-event rules, left out of correlations');
  const keys = metrics.gauge('lagebild_correlation_keys', 'Live correlation group keys');
  const sources = metrics.gauge('lagebild_detector_sources', 'Sources whose event time the detectors follow');
  let reported = 0;
  return (engine) => {
    const stats = engine.stats();
    if (stats.lateEvents > reported) late.inc({}, stats.lateEvents - reported);
    reported = stats.lateEvents;
    keys.set({}, stats.keys);
    sources.set({}, stats.sources);
  };
}

/** Publishes alerts keyed by organisation (campaign alerts share one key). */
export async function publishAlerts(bus: Bus, alerts: Alert[], counted: (alert: Alert) => void): Promise<void> {
  if (alerts.length === 0) return;
  const messages: OutgoingMessage[] = alerts.map((alert) => {
    counted(alert);
    return { key: typeof alert.organization.id === 'string' ? alert.organization.id : CAMPAIGN_KEY, value: JSON.stringify(alert) };
  });
  await bus.publish(TOPICS.alerts, messages);
}
