import type { Alert } from '../core/domain/alert.js';
import type { MetricsRegistry } from '../core/metrics.js';
import { deadLetterTopic, type Bus, type DeliveredMessage, type Subscription } from '../core/ports/bus.js';
import { isCorrelationInput } from './correlation/correlation-input.js';
import type { DetectionEngine } from './detection-engine.js';
import { publishAlerts, REKEYED_TOPIC } from './detector-consumer.js';
import { OncePerMessage } from './once-per-message.js';

export const CORRELATION_GROUP = 'lagebild-correlation';

/** What one re-keyed input produced: its alerts, or the message itself when it is not a correlation input. */
type Correlated = { alerts: Alert[] } | { invalid: DeliveredMessage };

/**
 * The second stage of detection: correlations that group across organisations, fed from
 * `REKEYED_TOPIC`, where every input of one group (say, one attacking address) arrives on one
 * partition and so at one consumer, whichever organisation's detector produced it. Commits after
 * the alerts are acknowledged, and hands each input to the engine once, like the detector consumer.
 */
export async function startCrossOrgCorrelationConsumer(options: { bus: Bus; engine: () => DetectionEngine; metrics: MetricsRegistry }): Promise<Subscription> {
  const produced = options.metrics.counter('lagebild_detector_alerts_total', 'Alerts produced by rule type');
  const malformed = options.metrics.counter('lagebild_dead_letters_total', 'Messages sent to the dead-letter topic by stage');
  const once = new OncePerMessage<Correlated>();

  const correlate = (engine: DetectionEngine, message: DeliveredMessage): Correlated | undefined => {
    const input = parse(message.value);
    if (!isCorrelationInput(input)) {
      malformed.inc({ stage: 'correlate' });
      return { invalid: message };
    }
    const alerts = engine.processCorrelationInput(input);
    for (const alert of alerts) produced.inc({ type: alert.rule.type });
    return alerts.length > 0 ? { alerts } : undefined;
  };

  return options.bus.subscribe({
    topic: REKEYED_TOPIC,
    group: CORRELATION_GROUP,
    handler: async (messages: DeliveredMessage[]) => {
      const engine = options.engine();
      const correlated = once.outputs(messages, (message) => correlate(engine, message));
      const invalid = correlated.flatMap((output) => ('invalid' in output ? [output.invalid] : []));
      // Kept whole on the dead-letter topic, like unparseable events: a bad producer must not stop this stage.
      if (invalid.length > 0) {
        const headers = { 'x-error': 'not a correlation input', 'x-error-code': 'malformed_message', 'x-original-topic': REKEYED_TOPIC };
        await options.bus.publish(deadLetterTopic(REKEYED_TOPIC), invalid.map((message) => ({ key: message.key, value: message.value, headers })));
      }
      await publishAlerts(options.bus, correlated.flatMap((output) => ('alerts' in output ? output.alerts : [])));
      once.published(messages);
    },
  });
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
