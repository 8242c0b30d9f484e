import type { Clock } from '../core/clock.js';
import type { Organisation } from '../core/domain/organisation.js';
import { errorMessage, isRetriable } from '../core/errors.js';
import type { Logger } from '../core/logging.js';
import type { Counter, MetricsRegistry } from '../core/metrics.js';
import { TOPICS, type Bus, type OutgoingMessage } from '../core/ports/bus.js';
import { createAttributor, type Attributor } from './attribution/attributor.js';
import type { IngestSink, MessageMeta } from './ingest-sink.js';
import { normaliseEvent } from './normalise-event.js';
import type { Parser } from './parsers/parser.js';
import { getParser } from './parsers/registry.js';

export interface CollectorPipelineOptions {
  bus: Bus;
  clock: Clock;
  logger: Logger;
  metrics: MetricsRegistry;
  organisations: Organisation[];
  maxBatch?: number;
  flushIntervalMs?: number;
  /** Unpublished messages above which transports are told to slow down. */
  highWatermark?: number;
}

export const UNATTRIBUTED_KEY = 'unattributed';

interface PendingMessage {
  topic: string;
  message: OutgoingMessage;
}

/**
 * Turns framed messages into ECS events on the `events` topic: parse, stamp id and ingest time,
 * attribute to an organisation, publish in batches. Whatever cannot be parsed goes whole to
 * `events.dlq` with its reason. Publishing failures are retried with the batch kept, and the
 * growing backlog switches the sink to saturated so that transports push back.
 */
export class CollectorPipeline implements IngestSink {
  private pending: PendingMessage[] = [];
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private drainWaiters: (() => void)[] = [];
  private attributor: Attributor;
  private closed = false;
  private readonly maxBatch: number;
  private readonly flushIntervalMs: number;
  private readonly highWatermark: number;
  private readonly received: Counter;
  private readonly parsed: Counter;
  private readonly deadLettered: Counter;
  private readonly publishErrors: Counter;

  constructor(private readonly options: CollectorPipelineOptions) {
    this.attributor = createAttributor(options.organisations);
    this.maxBatch = options.maxBatch ?? 2000;
    this.flushIntervalMs = options.flushIntervalMs ?? 20;
    this.highWatermark = options.highWatermark ?? 50_000;
    this.received = options.metrics.counter('lagebild_collector_messages_received_total', 'Messages received by transport');
    this.parsed = options.metrics.counter('lagebild_parser_messages_total', 'Messages by parser and outcome (parsed or failed)');
    this.deadLettered = options.metrics.counter('lagebild_dead_letters_total', 'Messages sent to the dead-letter topic by stage');
    this.publishErrors = options.metrics.counter('lagebild_component_errors_total', 'Runtime errors by component and error code');
  }

  get saturated(): boolean {
    return this.pending.length >= this.highWatermark;
  }

  /** The constituency changed (registry edit): new networks apply to the next message. */
  updateOrganisations(organisations: Organisation[]): void {
    this.attributor = createAttributor(organisations);
  }

  accept(message: string, meta: MessageMeta): void {
    this.received.inc({ transport: meta.transport });
    const parserName = meta.parser ?? 'auto';
    const parser: Parser | undefined = getParser(parserName);
    const receivedAt = this.options.clock.now();
    const outcome = parser ? parser.parse(message, { receivedAt, peerAddress: meta.peerAddress }) : { ok: false as const, reason: `unknown parser "${parserName}"` };
    this.parsed.inc({ parser: parserName, outcome: outcome.ok ? 'parsed' : 'failed' });
    if (!outcome.ok) {
      this.reject(message, outcome.reason, meta, 'parse');
      return;
    }
    const event = normaliseEvent(outcome.event, receivedAt, this.attributor, meta.organizationId);
    this.enqueue(TOPICS.events, { key: event.organization?.id ?? UNATTRIBUTED_KEY, value: JSON.stringify(event) });
  }

  reject(raw: string, reason: string, meta: MessageMeta, stage = 'framing'): void {
    this.deadLettered.inc({ stage, transport: meta.transport });
    const entry = { reason, stage, original: raw, transport: meta.transport, peer: meta.peerAddress ?? null, organization_id: meta.organizationId ?? null, received_at: this.options.clock.now().toISOString() };
    this.enqueue(TOPICS.eventsDlq, { key: meta.peerAddress ?? UNATTRIBUTED_KEY, value: JSON.stringify(entry), headers: { 'x-error': reason, 'x-error-code': `${stage}_failed`, 'x-original-topic': TOPICS.events } });
  }

  onceDrained(callback: () => void): void {
    if (!this.saturated) callback();
    else this.drainWaiters.push(callback);
  }

  /** Publishes everything pending; resolves when the bus has acknowledged it. */
  async flush(): Promise<void> {
    while (this.pending.length > 0 || this.flushing) {
      if (this.flushing) await this.flushing;
      else await this.flushOnce();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.flush();
  }

  private enqueue(topic: string, message: OutgoingMessage): void {
    this.pending.push({ topic, message });
    if (this.closed) return;
    if (this.pending.length >= this.maxBatch) void this.flushSoon(0);
    else if (!this.timer) void this.flushSoon(this.flushIntervalMs);
  }

  private flushSoon(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.flushing) this.flushOnce().catch(() => undefined);
    }, delayMs);
  }

  private flushOnce(): Promise<void> {
    // With nothing to publish the body below would finish synchronously, before `this.flushing` is
    // assigned, and leave a settled promise there for good: flush() would then spin forever.
    if (this.pending.length === 0) return Promise.resolve();
    const batch = this.pending.slice(0, this.maxBatch);
    const byTopic = new Map<string, PendingMessage[]>();
    for (const entry of batch) byTopic.set(entry.topic, [...(byTopic.get(entry.topic) ?? []), entry]);
    this.flushing = (async () => {
      const done = new Set<PendingMessage>();
      let failed = false;
      for (const [topic, entries] of byTopic) {
        try {
          await this.options.bus.publish(topic, entries.map((entry) => entry.message));
          for (const entry of entries) done.add(entry);
        } catch (error) {
          failed = true;
          this.publishErrors.inc({ component: 'collector', error_code: isRetriable(error) ? 'publish_failed' : 'publish_refused' });
          this.options.logger.warn({ error: errorMessage(error), topic, pending: this.pending.length }, 'Publishing failed; will retry');
          // A refusal (not a passing outage) would refuse the same events for ever: they are dead-lettered instead.
          if (!isRetriable(error) && topic === TOPICS.events) this.deadLetterRefused(entries, errorMessage(error));
        }
      }
      // Only what the bus acknowledged leaves the queue; the rest is published again (ids are fixed).
      this.pending = this.pending.filter((entry) => !done.has(entry));
      if (failed) await new Promise((resolve) => setTimeout(resolve, 500));
      this.flushing = undefined;
      if (!this.saturated) this.releaseDrainWaiters();
      if (this.pending.length > 0 && !this.closed) this.flushSoon(this.pending.length >= this.maxBatch ? 0 : this.flushIntervalMs);
    })();
    return this.flushing;
  }

  private deadLetterRefused(entries: PendingMessage[], reason: string): void {
    for (const entry of entries) {
      const event = JSON.parse(entry.message.value) as { event?: { original?: string } };
      entry.topic = TOPICS.eventsDlq;
      entry.message = { key: entry.message.key, value: JSON.stringify({ reason: `the bus refused the event: ${reason}`, stage: 'publish', original: event.event?.original ?? entry.message.value }), headers: { 'x-error': reason, 'x-error-code': 'publish_refused', 'x-original-topic': TOPICS.events } };
      this.deadLettered.inc({ stage: 'publish', transport: 'unknown' });
    }
  }

  private releaseDrainWaiters(): void {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const waiter of waiters) waiter();
  }
}
