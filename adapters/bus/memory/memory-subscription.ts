import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Logger } from '../../../core/logging.js';
import type { BatchHandler, DeliveredMessage, Subscription } from '../../../core/ports/bus.js';
import { redeliveryDelay } from '../redelivery-delay.js';
import type { Claim, ConsumerGroup, GroupMember } from './consumer-group.js';
import { isRetriable } from '../../../core/errors.js';
import { CancellableDelay } from '../cancellable-delay.js';
import { handleIsolating } from '../handle-isolating.js';
import { BatchSizer } from './batch-sizer.js';

export interface MemorySubscriptionOptions {
  topic: string;
  group: ConsumerGroup;
  handler: BatchHandler;
  maxBatchSize: number;
  /** What one batch may hold in bytes (at least one message, however large). */
  maxBatchBytes: number;
  /** The time one handler call should take; see BatchSizer. */
  batchBudgetMs: number;
  deadLetter(messages: DeliveredMessage[], error: unknown): Promise<void>;
  logger: Logger;
}

/**
 * One member of a consumer group: a loop that takes a batch from one of its partitions, hands it to
 * the handler and commits it once the handler resolved. It sleeps on a promise while there is
 * nothing to do, so an idle bus costs nothing.
 */
export class MemorySubscription implements Subscription, GroupMember {
  private stopped = false;
  private wakePending = false;
  private resumeIdle: (() => void) | undefined;
  private readonly backoff = new CancellableDelay();
  private readonly running: Promise<void>;
  private readonly sizer: BatchSizer;

  constructor(private readonly options: MemorySubscriptionOptions) {
    this.sizer = new BatchSizer(options.maxBatchSize, options.batchBudgetMs);
    options.group.join(this);
    this.running = this.consume();
  }

  wake(): void {
    if (this.resumeIdle) {
      const resume = this.resumeIdle;
      this.resumeIdle = undefined;
      resume();
    } else {
      this.wakePending = true;
    }
  }

  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      this.options.group.leave(this);
      this.backoff.cancel();
      this.wake();
    }
    await this.running;
  }

  private async consume(): Promise<void> {
    const { group, maxBatchBytes } = this.options;
    while (!this.stopped) {
      const claim = group.claim(this, this.sizer.next, maxBatchBytes);
      if (!claim) {
        await this.idle();
        continue;
      }
      const started = performance.now();
      try {
        await this.handle(claim);
      } finally {
        group.release(claim);
      }
      this.sizer.took(claim.messages.length, performance.now() - started);
      // A handler that resolves synchronously would otherwise keep this loop on the microtask
      // queue and starve timers and sockets.
      await nextTurn();
    }
  }

  private idle(): Promise<void> {
    if (this.wakePending) {
      this.wakePending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.resumeIdle = resolve;
    });
  }

  private async handle(claim: Claim): Promise<void> {
    const { group, handler, logger, topic } = this.options;
    // The stored headers are the bus's own copy; every delivery below hands the handler a fresh one.
    const batch = claim.messages.map((stored): DeliveredMessage => ({ topic, partition: claim.partition, offset: String(stored.offset), key: stored.key, value: stored.value, headers: stored.headers, redeliveries: 0 }));
    const done = await handleIsolating(batch, {
      deliver: (messages) => handler(messages.map((message) => ({ ...message, headers: { ...message.headers }, redeliveries: group.redeliveries(claim, Number(message.offset)) }))),
      deadLetter: (messages, error) => this.options.deadLetter(messages, error),
      backOff: async (error, attempt, messages) => {
        group.failed(claim);
        if (this.stopped) return false;
        const delayMs = redeliveryDelay(attempt);
        logger.warn({ error, topic, partition: claim.partition, attempt, count: messages.length, delayMs }, 'Handler failed, batch will be redelivered');
        await this.backoff.wait(delayMs);
        return !this.stopped;
      },
      isRetriable,
      logger,
    });
    if (done) group.commit(claim);
  }
}
