import type { Alert } from '../core/domain/alert.js';
import { isEcsEvent } from '../core/domain/ecs.js';
import { decodeMessage, publishDeadLetters } from '../core/json-messages.js';
import type { MetricsRegistry } from '../core/metrics.js';
import { TOPICS, type Bus, type DeliveredMessage, type OutgoingMessage, type Subscription } from '../core/ports/bus.js';
import type { KeyedCorrelationInput } from './correlation/correlation-input.js';
import type { DetectionEngine } from './detection-engine.js';
import { OncePerMessage } from './once-per-message.js';

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

/** What one event of `events` produced, held by `OncePerMessage` until it is published. */
interface Detected {
  alerts: Alert[];
  inputs: KeyedCorrelationInput[];
  /** Set instead when the message is a dead letter: not an event, or an event that trips the engine. */
  deadLetter?: { message: DeliveredMessage; code: DeadLetterCode };
}

const DEAD_LETTER_REASONS = {
  malformed_message: 'message is not a valid JSON document of this topic',
  detect_failed: 'the detection engine failed on this event',
} as const;
type DeadLetterCode = keyof typeof DEAD_LETTER_REASONS;

/**
 * Runs every event of the `events` topic through the detection engine and publishes the alerts,
 * keyed by organisation. The batch is committed only after the alerts (and re-keyed correlation
 * inputs) are acknowledged, so a crash replays the batch; alert ids are deterministic, so the
 * replay produces the same alerts again. Within one consumer a redelivered event does not go
 * through the engine again: what it produced the first time is published instead (OncePerMessage).
 */
export async function startDetectorConsumer(options: DetectorConsumerOptions): Promise<Subscription> {
  const processed = options.metrics.counter('lagebild_detector_events_total', 'Events evaluated by the detectors');
  const produced = options.metrics.counter('lagebild_detector_alerts_total', 'Alerts produced by rule type');
  const deadLettered = options.metrics.counter('lagebild_dead_letters_total', 'Messages sent to the dead-letter topic by stage');
  const rekeyed = options.metrics.counter('lagebild_correlation_inputs_total', 'Correlation inputs re-keyed for cross-organisation correlations');
  const once = new OncePerMessage<Detected>();

  const detect = (engine: DetectionEngine, message: DeliveredMessage): Detected | undefined => {
    const event = decodeMessage(message, isEcsEvent);
    if (event === undefined) {
      deadLettered.inc({ stage: 'detect' });
      return { alerts: [], inputs: [], deadLetter: { message, code: 'malformed_message' } };
    }
    const inputs: KeyedCorrelationInput[] = [];
    const rekey = options.rekeyCrossOrg ? (input: KeyedCorrelationInput) => void inputs.push(input) : undefined;
    let alerts: Alert[];
    // Rules walk attacker-shaped events: one that trips the engine is that event's dead letter, not its batch's.
    try {
      alerts = engine.process(event, rekey);
    } catch {
      deadLettered.inc({ stage: 'detect' });
      return { alerts: [], inputs: [], deadLetter: { message, code: 'detect_failed' } };
    }
    processed.inc();
    for (const alert of alerts) produced.inc({ type: alert.rule.type });
    if (inputs.length > 0) rekeyed.inc({}, inputs.length);
    return alerts.length > 0 || inputs.length > 0 ? { alerts, inputs } : undefined;
  };

  const reportStats = statsReporter(options.metrics);
  const publishInputs = async (inputs: KeyedCorrelationInput[]): Promise<void> => {
    if (inputs.length > 0) await options.bus.publish(REKEYED_TOPIC, inputs.map(({ key, input }) => ({ key, value: JSON.stringify(input) })));
  };

  // An idle stream still gets what only time decides. What a tick could not publish (the bus
  // refused) is kept and sent with the next tick, so a broker outage loses none of it.
  let unsent: { alerts: Alert[]; inputs: KeyedCorrelationInput[] } = { alerts: [], inputs: [] };
  let ticking: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    ticking = ticking.then(async () => {
      const engine = options.engine();
      const pending = unsent;
      const decided = engine.tick(options.rekeyCrossOrg ? (input) => void pending.inputs.push(input) : undefined);
      for (const alert of decided) produced.inc({ type: alert.rule.type });
      pending.alerts.push(...decided);
      reportStats(engine);
      if (pending.alerts.length === 0 && pending.inputs.length === 0) return;
      unsent = { alerts: [], inputs: [] };
      // As in the handler, alerts first; inputs already sent are never sent again.
      await publishAlerts(options.bus, pending.alerts).then(
        () => publishInputs(pending.inputs).catch(() => unsent.inputs.push(...pending.inputs)),
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
      const detected = once.outputs(messages, (message) => detect(engine, message));
      for (const code of Object.keys(DEAD_LETTER_REASONS) as DeadLetterCode[]) {
        const deadLetters = detected.flatMap(({ deadLetter }) => (deadLetter?.code === code ? [deadLetter.message] : []));
        await publishDeadLetters(options.bus, deadLetters, DEAD_LETTER_REASONS[code], code);
      }
      reportStats(engine);
      // Alerts first: their ids are deterministic, so a retry that sends them again changes nothing,
      // while inputs sent twice would be counted twice by the cross-organisation stage.
      await publishAlerts(options.bus, detected.flatMap((output) => output.alerts));
      await publishInputs(detected.flatMap((output) => output.inputs));
      once.published(messages);
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

/** Publishes alerts keyed by organisation (campaign alerts share one key). */
export async function publishAlerts(bus: Bus, alerts: Alert[]): Promise<void> {
  if (alerts.length === 0) return;
  const messages: OutgoingMessage[] = alerts.map((alert) => ({ key: typeof alert.organization.id === 'string' ? alert.organization.id : CAMPAIGN_KEY, value: JSON.stringify(alert) }));
  await bus.publish(TOPICS.alerts, messages);
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
