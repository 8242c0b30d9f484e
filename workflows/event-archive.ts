import { isEcsEvent, type EcsEvent } from '../core/domain/ecs.js';
import { decodeMessage, publishDeadLetters } from '../core/json-messages.js';
import { writeIsolatingRejections } from './store-rejections.js';
import type { MetricsRegistry } from '../core/metrics.js';
import { TOPICS, type Bus, type DeliveredMessage, type Subscription } from '../core/ports/bus.js';
import type { Store } from '../core/ports/stores.js';

export const ARCHIVE_GROUP = 'lagebild-archive';
/**
 * Larger than the bus default: SQLite's cost per event falls with the transaction size (about a
 * quarter more events/s at 2,000 than at 500 on random event ids), and Elasticsearch takes fewer, larger bulks.
 */
const ARCHIVE_BATCH_SIZE = 2000;

/**
 * Keeps every event in the store (searchable, retained per DOMAIN.md) so that incidents can show
 * the events behind their alerts.
 */
export async function startEventArchive(options: { bus: Bus; store: Store; metrics: MetricsRegistry }): Promise<Subscription> {
  const archived = options.metrics.counter('lagebild_events_archived_total', 'Events written to the store');
  const deadLettered = options.metrics.counter('lagebild_dead_letters_total', 'Messages sent to the dead-letter topic by stage');
  return options.bus.subscribe({
    topic: TOPICS.events,
    group: ARCHIVE_GROUP,
    maxBatchSize: ARCHIVE_BATCH_SIZE,
    handler: async (messages: DeliveredMessage[]) => {
      // Malformed messages are dead-lettered by the detector consumer, which sees the same messages.
      const events: EcsEvent[] = [];
      const json: string[] = [];
      const delivered: DeliveredMessage[] = [];
      for (const message of messages) {
        const event = decodeMessage(message, isEcsEvent);
        if (event === undefined) continue;
        events.push(event);
        json.push(message.value);
        delivered.push(message);
      }
      // The message text goes along so that the store need not serialise the event again.
      const ids = events.map((event) => event.event.id);
      const rejected = await writeIsolatingRejections(() => options.store.events.putMany(events, json), ids, delivered);
      archived.inc({}, events.length - rejected.length);
      if (rejected.length > 0) {
        deadLettered.inc({ stage: 'archive' }, rejected.length);
        await publishDeadLetters(options.bus, rejected.map(({ item }) => item), (_, index) => `the store refused the event: ${rejected[index]!.reason}`, 'store_rejected');
      }
    },
  });
}
