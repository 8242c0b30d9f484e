import { Worker } from 'node:worker_threads';
import type { Organisation } from '../core/domain/organisation.js';
import type { Logger } from '../core/logging.js';
import { createAttributor, type Attributor } from './attribution/attributor.js';
import { eventText } from './event-texts.js';
import type { MessageMeta } from './ingest-sink.js';
import type { Failure, MessageOrigin, ParsingRequest, ParsingResponse } from './parsing-messages.js';
import { prepareEvent, type Prepared } from './prepare-event.js';

/** Messages per batch at most; a batch also ends with the turn of the event loop that filled it (one socket read). */
const MAX_BATCH = 1_000;

interface Batch {
  id: number;
  receivedAtMillis: number;
  /**
   * Its messages while it is open. When it leaves for a worker they are joined into `text`, with
   * `ends` after each: the batch then holds one string instead of hundreds while it waits.
   */
  messages: string[];
  text: string;
  ends: number[];
  metas: MessageMeta[];
  chars: number;
  /** What a worker sent back, or what was prepared here; batches are handed on strictly in the order they were opened. */
  response?: ParsingResponse;
  prepared?: Prepared[];
  worker?: PoolWorker;
}

interface PoolWorker {
  worker: Worker;
  inFlight: Map<number, Batch>;
  alive: boolean;
  /** Buffers of its responses, read and waiting to go back with its next batch. */
  returned: ArrayBuffer[];
}

export interface ParsingPoolOptions {
  size: number;
  organisations: Organisation[];
  maxMessageBytes: number;
  /** The receive time of a batch's messages, taken when the batch opens. */
  now: () => number;
  /** Called per message, in the order of `submit`, once its batch is prepared: with its event, or with the message and why not. */
  onEvent: (meta: MessageMeta, key: string, value: string) => void;
  onFailure: (message: string, meta: MessageMeta, failure: Failure) => void;
  /** Called after prepared batches were handed on: `inFlight` went down. */
  onHandedOn: () => void;
  logger: Logger;
}

/**
 * Parses, normalises and serialises messages on worker threads, so that the collector uses more than
 * the one core of the event loop, which then only frames, publishes and consumes. Results come back
 * in the order messages were submitted, whatever worker finishes first: events of one sender stay in
 * order. A worker that dies has its batches prepared in this thread instead; nothing is lost.
 */
export class ParsingPool {
  private readonly workers: PoolWorker[];
  private readonly inOrder: Batch[] = [];
  private open: Batch | undefined;
  private nextId = 0;
  private nextWorker = 0;
  private idleWaiters: (() => void)[] = [];
  private organisations: Organisation[];
  private localAttributor: Attributor | undefined;
  private closing = false;
  /** Messages and their characters submitted and not yet handed on. */
  inFlight = 0;
  inFlightChars = 0;

  get size(): number {
    return this.options.size;
  }

  constructor(private readonly options: ParsingPoolOptions) {
    this.organisations = options.organisations;
    this.workers = Array.from({ length: options.size }, () => this.start());
  }

  submit(message: string, meta: MessageMeta): void {
    let batch = this.open;
    if (!batch) {
      batch = { id: this.nextId++, receivedAtMillis: this.options.now(), messages: [], text: '', ends: [], metas: [], chars: 0 };
      this.open = batch;
      this.inOrder.push(batch);
      queueMicrotask(() => this.dispatch(batch!));
    }
    batch.messages.push(message);
    batch.metas.push(meta);
    batch.chars += message.length;
    this.inFlight += 1;
    this.inFlightChars += message.length;
    if (batch.messages.length >= MAX_BATCH) this.dispatch(batch);
  }

  updateOrganisations(organisations: Organisation[]): void {
    this.organisations = organisations;
    this.localAttributor = undefined;
    for (const entry of this.workers) if (entry.alive) entry.worker.postMessage({ type: 'organisations', organisations } satisfies ParsingRequest);
  }

  /** Resolves once everything submitted so far has been handed on. */
  idle(): Promise<void> {
    if (this.open) this.dispatch(this.open);
    if (this.inOrder.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    await this.idle();
    this.closing = true;
    await Promise.all(this.workers.map((entry) => entry.worker.terminate()));
  }

  private start(): PoolWorker {
    const worker = new Worker(new URL('./parsing-worker.js', import.meta.url), { workerData: { organisations: this.options.organisations, maxMessageBytes: this.options.maxMessageBytes } });
    const entry: PoolWorker = { worker, inFlight: new Map(), alive: true, returned: [] };
    worker.on('message', (response: ParsingResponse) => this.receive(entry, response));
    worker.on('error', (error) => this.lose(entry, error));
    worker.on('exit', (code) => this.lose(entry, new Error(`the parsing worker exited with code ${code}`)));
    return entry;
  }

  private dispatch(batch: Batch): void {
    if (this.open === batch) this.open = undefined;
    if (batch.worker || batch.prepared) return;
    const entry = this.pickWorker();
    if (!entry) {
      this.prepareHere(batch);
      return;
    }
    const origins: MessageOrigin[] = [];
    const originIndex = new Map<MessageMeta, number>();
    const originIndexes = batch.metas.map((meta) => {
      let index = originIndex.get(meta);
      if (index === undefined) {
        index = origins.push(originOf(meta)) - 1;
        originIndex.set(meta, index);
      }
      return index;
    });
    let end = 0;
    batch.ends = batch.messages.map((message) => (end += message.length));
    batch.text = batch.messages.join('');
    batch.messages = [];
    batch.worker = entry;
    entry.inFlight.set(batch.id, batch);
    const returned = entry.returned;
    entry.returned = [];
    entry.worker.postMessage({ type: 'parse', id: batch.id, receivedAtMillis: batch.receivedAtMillis, text: batch.text, ends: batch.ends, origins, originOf: originIndexes, returned } satisfies ParsingRequest, returned);
  }

  /** The live worker with the fewest batches in flight. */
  private pickWorker(): PoolWorker | undefined {
    let best: PoolWorker | undefined;
    for (let step = 0; step < this.workers.length; step++) {
      const entry = this.workers[(this.nextWorker + step) % this.workers.length]!;
      if (entry.alive && (!best || entry.inFlight.size < best.inFlight.size)) best = entry;
    }
    this.nextWorker = (this.nextWorker + 1) % Math.max(1, this.workers.length);
    return best;
  }

  private receive(entry: PoolWorker, response: ParsingResponse): void {
    const batch = entry.inFlight.get(response.id);
    if (!batch) return;
    entry.inFlight.delete(response.id);
    batch.response = response;
    this.handOn();
  }

  /** A dead worker's batches are prepared here, so that a crash costs time, not messages. */
  private lose(entry: PoolWorker, error: unknown): void {
    if (!entry.alive) return;
    entry.alive = false;
    if (this.closing) return;
    this.options.logger.error({ error, batches: entry.inFlight.size }, 'A parsing worker died; its messages are parsed in the main thread');
    const batches = [...entry.inFlight.values()];
    entry.inFlight.clear();
    for (const batch of batches) this.prepareHere(batch);
  }

  private prepareHere(batch: Batch): void {
    this.localAttributor ??= createAttributor(this.organisations);
    const attributor = this.localAttributor;
    batch.prepared = batch.metas.map((meta, index) => prepareEvent({ message: messageAt(batch, index), receivedAtMillis: batch.receivedAtMillis, ...originOf(meta) }, attributor, this.options.maxMessageBytes));
    this.handOn();
  }

  private handOn(): void {
    while (this.inOrder.length > 0 && (this.inOrder[0]!.response || this.inOrder[0]!.prepared)) {
      const batch = this.inOrder.shift()!;
      this.inFlight -= batch.metas.length;
      this.inFlightChars -= batch.chars;
      if (batch.prepared) this.handOnPrepared(batch, batch.prepared);
      else this.handOnResponse(batch, batch.response!);
      // A batch that waited for its worker through a young-generation collection has been moved to the
      // old generation, where it stays until the next full collection however dead it is. Until then
      // it would keep its lines and events alive through every young collection, and they would be
      // copied and promoted too: cut it loose from them.
      batch.messages = [];
      batch.text = '';
      batch.ends = [];
      batch.metas = [];
      batch.response = undefined;
      batch.prepared = undefined;
    }
    this.options.onHandedOn();
    if (this.inOrder.length === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const waiter of waiters) waiter();
    }
  }

  /** The events are read out of the worker's buffer only now, as they go on, and the buffer goes back. */
  private handOnResponse(batch: Batch, response: ParsingResponse): void {
    const bytes = Buffer.from(response.texts.buffer);
    const { keys, failures } = response;
    let nextFailure = 0;
    for (let index = 0; index < keys.length; index++) {
      const failure = failures[nextFailure];
      if (failure !== undefined && failure[0] === index) {
        nextFailure += 1;
        this.options.onFailure(messageAt(batch, index), batch.metas[index]!, failure[1]);
      } else this.options.onEvent(batch.metas[index]!, keys[index]!, eventText(bytes, response.texts, index));
    }
    batch.worker?.returned.push(response.texts.buffer);
  }

  private handOnPrepared(batch: Batch, prepared: Prepared[]): void {
    for (let index = 0; index < prepared.length; index++) {
      const outcome = prepared[index]!;
      if (outcome.kind === 'event') this.options.onEvent(batch.metas[index]!, outcome.key, outcome.value);
      else this.options.onFailure(messageAt(batch, index), batch.metas[index]!, outcome);
    }
  }
}

/** Message `index` of a batch, open or joined. */
function messageAt(batch: Batch, index: number): string {
  if (batch.messages.length > 0) return batch.messages[index]!;
  return batch.text.slice(index === 0 ? 0 : batch.ends[index - 1], batch.ends[index]);
}

function originOf(meta: MessageMeta): MessageOrigin {
  return { parser: meta.parser ?? 'auto', peerAddress: meta.peerAddress, organizationId: meta.organizationId };
}
