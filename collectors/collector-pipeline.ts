import type { Clock } from '../core/clock.js';
import type { Organisation } from '../core/domain/organisation.js';
import { errorMessage, isRetriable } from '../core/errors.js';
import type { Logger } from '../core/logging.js';
import type { Counter, LabelledCounter, MetricsRegistry } from '../core/metrics.js';
import { TOPICS, type Bus, type OutgoingMessage } from '../core/ports/bus.js';
import { createAttributor, type Attributor } from './attribution/attributor.js';
import type { IngestSink, MessageMeta } from './ingest-sink.js';
import { deadLetterEntry } from './dead-letter-entry.js';
import type { Failure } from './parsing-messages.js';
import { ParsingPool } from './parsing-pool.js';
import { prepareEvent, UNATTRIBUTED_KEY, type Prepared } from './prepare-event.js';

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
  /** Characters of unpublished messages above which transports are told to slow down: events may be large. */
  highWatermarkChars?: number;
  /** Longer messages are dead-lettered unparsed (framers cut TCP lines at the same bound). */
  maxMessageBytes?: number;
  /** Worker threads that parse, normalise and serialise; 0 does it in this thread. */
  parsingWorkers?: number;
}

const MAX_HEADER_CHARS = 1_000;
/**
 * Text waiting for each parsing worker above which stream transports pause: about 50 ms of a
 * worker's work, so it never runs dry while the sockets resume.
 */
const PARSING_BACKLOG_CHARS_PER_WORKER = 2 ** 20;
const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;
/** Published entries at the head of the queue are dropped in one go once they are this many. */
const COMPACT_AFTER = 4096;

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
  /** Unpublished messages from `head` on; the slots before it are emptied and dropped lazily. */
  private queue: (PendingMessage | undefined)[] = [];
  private head = 0;
  private pendingChars = 0;
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private timerDelayMs = -1;
  private drainWaiters: (() => void)[] = [];
  private attributor: Attributor;
  private closed = false;
  private readonly maxBatch: number;
  private readonly flushIntervalMs: number;
  private readonly highWatermark: number;
  private readonly highWatermarkChars: number;
  private readonly maxMessageBytes: number;
  private readonly received: Counter;
  private readonly parsed: Counter;
  /** The per-message counters, their label keys computed once per transport and per parser outcome. */
  private readonly receivedBy = new Map<string, LabelledCounter>();
  private readonly parsedByOutcome = new Map<string, LabelledCounter>();
  private readonly deadLettered: Counter;
  private readonly publishErrors: Counter;
  private readonly deadLettersLost: Counter;
  private lastPublishedAt: number;
  private readonly pool: ParsingPool | undefined;

  constructor(private readonly options: CollectorPipelineOptions) {
    this.attributor = createAttributor(options.organisations);
    const workers = options.parsingWorkers ?? 0;
    if (workers > 0) {
      this.pool = new ParsingPool({
        size: workers,
        organisations: options.organisations,
        maxMessageBytes: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
        now: () => options.clock.now().getTime(),
        onEvent: (meta, key, value) => this.settleEvent(meta, key, value),
        onFailure: (message, meta, failure) => this.settleFailure(message, meta, failure),
        onHandedOn: () => this.releaseIfDrained(),
        logger: options.logger,
      });
    }
    this.maxBatch = options.maxBatch ?? 2000;
    this.flushIntervalMs = options.flushIntervalMs ?? 20;
    this.highWatermark = options.highWatermark ?? 50_000;
    this.highWatermarkChars = options.highWatermarkChars ?? 8 * 2 ** 20;
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.received = options.metrics.counter('lagebild_collector_messages_received_total', 'Messages received by transport');
    this.parsed = options.metrics.counter('lagebild_parser_messages_total', 'Messages by parser and outcome (parsed or failed)');
    this.deadLettered = options.metrics.counter('lagebild_dead_letters_total', 'Messages sent to the dead-letter topic by stage');
    this.publishErrors = options.metrics.counter('lagebild_component_errors_total', 'Runtime errors by component and error code');
    this.deadLettersLost = options.metrics.counter('lagebild_dead_letters_lost_total', 'Dead letters the bus refused for good (logged at error level)');
    this.lastPublishedAt = options.clock.now().getTime();
  }

  /** Messages still being parsed count as waiting too: they are on their way to the queue. */
  get saturated(): boolean {
    const count = this.pendingCount + (this.pool?.inFlight ?? 0);
    const chars = this.pendingChars + (this.pool?.inFlightChars ?? 0);
    return count >= this.highWatermark || chars >= this.highWatermarkChars;
  }

  /** Only parsing workers have a backlog: parsing on the event loop keeps up with reading by construction. */
  get backlogged(): boolean {
    return this.pool !== undefined && this.pool.inFlightChars >= PARSING_BACKLOG_CHARS_PER_WORKER * this.pool.size;
  }

  private get pendingCount(): number {
    return this.queue.length - this.head;
  }

  /**
   * How long messages have been waiting without a successful publish (0 while nothing waits or the
   * bus takes them): readiness reports a collector that cannot get rid of its events.
   */
  stalledForMs(now: Date): number {
    return this.pendingCount === 0 ? 0 : Math.max(0, now.getTime() - this.lastPublishedAt);
  }

  /** The constituency changed (registry edit): new networks apply to the next message. */
  updateOrganisations(organisations: Organisation[]): void {
    this.attributor = createAttributor(organisations);
    this.pool?.updateOrganisations(organisations);
  }

  accept(message: string, meta: MessageMeta): void {
    this.receivedOn(meta.transport).inc();
    if (this.pool) {
      this.pool.submit(message, meta);
      return;
    }
    const prepared = prepareEvent({ message, parser: meta.parser ?? 'auto', peerAddress: meta.peerAddress, organizationId: meta.organizationId, receivedAtMillis: this.options.clock.now().getTime() }, this.attributor, this.maxMessageBytes);
    this.settle(message, meta, prepared);
  }

  /** Counts how the message fared and queues its event, or its dead letter. */
  private settle(message: string, meta: MessageMeta, prepared: Prepared): void {
    if (prepared.kind === 'event') this.settleEvent(meta, prepared.key, prepared.value);
    else this.settleFailure(message, meta, prepared);
  }

  private settleEvent(meta: MessageMeta, key: string, value: string): void {
    this.parsedAs(meta.parser ?? 'auto', true).inc();
    this.enqueue(TOPICS.events, { key, value });
  }

  private settleFailure(message: string, meta: MessageMeta, failure: Failure): void {
    this.parsedAs(meta.parser ?? 'auto', failure.kind !== 'unparsed').inc();
    if (failure.kind === 'unparsed') this.reject(message, failure.reason, meta, 'parse');
    else {
      if (failure.thrown) this.publishErrors.inc({ component: 'collector', error_code: 'normalise_failed' });
      this.reject(message, failure.reason, meta, 'normalise');
    }
  }

  reject(raw: string, reason: string, meta: MessageMeta, stage = 'framing'): void {
    this.deadLettered.inc({ stage, transport: meta.transport });
    const entry = deadLetterEntry(raw, { reason, stage, transport: meta.transport, peer: meta.peerAddress ?? null, organization_id: meta.organizationId ?? null, received_at: this.options.clock.now().toISOString() });
    this.enqueue(TOPICS.eventsDlq, { key: meta.peerAddress ?? UNATTRIBUTED_KEY, value: entry, headers: { 'x-error': reason.slice(0, MAX_HEADER_CHARS), 'x-error-code': `${stage}_failed`, 'x-original-topic': TOPICS.events } });
  }

  private receivedOn(transport: string): LabelledCounter {
    let counter = this.receivedBy.get(transport);
    if (!counter) this.receivedBy.set(transport, (counter = this.received.labelled({ transport })));
    return counter;
  }

  private parsedAs(parser: string, ok: boolean): LabelledCounter {
    const key = ok ? parser : `${parser}\u0000failed`;
    let counter = this.parsedByOutcome.get(key);
    if (!counter) this.parsedByOutcome.set(key, (counter = this.parsed.labelled({ parser, outcome: ok ? 'parsed' : 'failed' })));
    return counter;
  }

  onceDrained(callback: () => void): void {
    if (!this.saturated && !this.backlogged) callback();
    else this.drainWaiters.push(callback);
  }

  /** Publishes everything pending; resolves when the bus has acknowledged it. */
  async flush(): Promise<void> {
    if (this.pool) await this.pool.idle();
    while (this.pendingCount > 0 || this.flushing) {
      if (this.flushing) await this.flushing;
      else await this.flushOnce();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.flush();
    await this.pool?.close();
  }

  private enqueue(topic: string, message: OutgoingMessage): void {
    // The stall clock starts when something starts waiting, not at the last publish long ago.
    if (this.pendingCount === 0) this.lastPublishedAt = this.options.clock.now().getTime();
    this.queue.push({ topic, message });
    this.pendingChars += message.value.length;
    // A running flush schedules the next one when it ends.
    if (this.closed || this.flushing) return;
    if (this.pendingCount >= this.maxBatch) {
      if (this.timerDelayMs !== 0) this.flushSoon(0);
    } else if (!this.timer) this.flushSoon(this.flushIntervalMs);
  }

  private flushSoon(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timerDelayMs = delayMs;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerDelayMs = -1;
      if (!this.flushing) this.flushOnce().catch(() => undefined);
    }, delayMs);
  }

  private flushOnce(): Promise<void> {
    // With nothing to publish the body below would finish synchronously, before `this.flushing` is
    // assigned, and leave a settled promise there for good: flush() would then spin forever.
    if (this.pendingCount === 0) return Promise.resolve();
    const batch = this.queue.slice(this.head, this.head + this.maxBatch) as PendingMessage[];
    const byTopic = new Map<string, PendingMessage[]>();
    for (const entry of batch) {
      const entries = byTopic.get(entry.topic);
      if (entries) entries.push(entry);
      else byTopic.set(entry.topic, [entry]);
    }
    this.flushing = (async () => {
      const failedTopics = new Set<string>();
      for (const [topic, entries] of byTopic) {
        try {
          const refused = await this.publishIsolating(topic, entries);
          for (const { entry, reason } of refused) this.handleRefused(entry, reason);
          this.lastPublishedAt = this.options.clock.now().getTime();
        } catch (error) {
          failedTopics.add(topic);
          this.publishErrors.inc({ component: 'collector', error_code: 'publish_failed' });
          this.options.logger.warn({ error: errorMessage(error), topic, pending: this.pendingCount }, 'Publishing failed; will retry');
        }
      }
      // Only what the bus acknowledged or refused for good leaves the queue; the rest is published again (ids are fixed).
      this.dropPublished(batch, failedTopics);
      if (failedTopics.size > 0) await new Promise((resolve) => setTimeout(resolve, 500));
      this.flushing = undefined;
      this.releaseIfDrained();
      if (this.pendingCount > 0 && !this.closed) this.flushSoon(this.pendingCount >= this.maxBatch ? 0 : this.flushIntervalMs);
    })();
    return this.flushing;
  }

  /** The batch is the head of the queue; what was published of it leaves, in order, what failed stays in front. */
  private dropPublished(batch: PendingMessage[], failedTopics: Set<string>): void {
    for (const entry of batch) if (!failedTopics.has(entry.topic)) this.pendingChars -= entry.message.value.length;
    if (failedTopics.size === 0) {
      // Emptied at once, as in the memory bus's partition log: a queue array old enough to be in the
      // old generation would otherwise keep published events alive through young collections.
      this.queue.fill(undefined, this.head, this.head + batch.length);
      this.head += batch.length;
      if (this.head >= COMPACT_AFTER && this.head * 2 >= this.queue.length) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
      return;
    }
    const kept = batch.filter((entry) => failedTopics.has(entry.topic));
    this.queue = [...kept, ...this.queue.slice(this.head + batch.length)];
    this.head = 0;
  }

  /**
   * Publishes, and when the bus refuses (not a passing outage) halves the batch until the refused
   * messages stand alone: one message the bus cannot take costs only itself. A retriable failure
   * is thrown for the whole batch to be published again.
   */
  private async publishIsolating(topic: string, entries: PendingMessage[]): Promise<{ entry: PendingMessage; reason: string }[]> {
    try {
      await this.options.bus.publish(topic, entries.map((entry) => entry.message));
      return [];
    } catch (error) {
      if (isRetriable(error)) throw error;
      if (entries.length === 1) return [{ entry: entries[0]!, reason: errorMessage(error) }];
      const middle = entries.length >> 1;
      return [...(await this.publishIsolating(topic, entries.slice(0, middle))), ...(await this.publishIsolating(topic, entries.slice(middle)))];
    }
  }

  /** A refused event becomes a dead letter; a refused dead letter is counted and logged, never retried for ever. */
  private handleRefused(entry: PendingMessage, reason: string): void {
    this.publishErrors.inc({ component: 'collector', error_code: 'publish_refused' });
    if (entry.topic !== TOPICS.events) {
      this.deadLettersLost.inc({ stage: 'publish' });
      this.options.logger.error({ error: reason, topic: entry.topic, bytes: entry.message.value.length }, 'The bus refused a dead letter; it is lost');
      return;
    }
    const event = JSON.parse(entry.message.value) as { event?: { original?: unknown } };
    const original = typeof event.event?.original === 'string' ? event.event.original : entry.message.value;
    const refusal = `the bus refused the event: ${reason}`;
    this.deadLettered.inc({ stage: 'publish', transport: 'unknown' });
    const value = deadLetterEntry(original, { reason: refusal, stage: 'publish', transport: 'unknown', peer: null, organization_id: entry.message.key, received_at: this.options.clock.now().toISOString() });
    this.queue.push({ topic: TOPICS.eventsDlq, message: { key: entry.message.key, value, headers: { 'x-error': refusal.slice(0, MAX_HEADER_CHARS), 'x-error-code': 'publish_refused', 'x-original-topic': TOPICS.events } } });
    this.pendingChars += value.length;
  }

  private releaseIfDrained(): void {
    if (this.drainWaiters.length === 0 || this.saturated || this.backlogged) return;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const waiter of waiters) waiter();
  }
}
