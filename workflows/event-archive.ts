import { isEcsEvent } from '../core/domain/ecs.js';
import { decodeMessage } from '../core/json-messages.js';
import type { MetricsRegistry } from '../core/metrics.js';
import { TOPICS, type Bus, type DeliveredMessage, type Subscription } from '../core/ports/bus.js';
import type { Store } from '../core/ports/stores.js';

export const ARCHIVE_GROUP = 'lagebild-archive';

/**
 * Keeps every event in the store (searchable, retained per DOMAIN.md) so that incidents can show
 * the events behind their alerts.
 */
export async function startEventArchive(options: { bus: Bus; store: Store; metrics: MetricsRegistry }): Promise<Subscription> {
  const archived = options.metrics.counter('lagebild_events_archived_total', 'Events written to the store');
  return options.bus.subscribe({
    topic: TOPICS.events,
    group: ARCHIVE_GROUP,
    handler: async (messages: DeliveredMessage[]) => {
      // Malformed messages are dead-lettered by the detector consumer, which sees the same messages.
      const events = messages.map((message) => decodeMessage(message, isEcsEvent)).filter((event) => event !== undefined);
      await options.store.events.putMany(events);
      archived.inc({}, events.length);
    },
  });
}
