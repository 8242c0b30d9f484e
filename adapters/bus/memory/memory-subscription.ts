import { setImmediate as nextTurn } from 'node:timers/promises';
import { isRetriable } from '../../../core/errors.js';
import type { Logger } from '../../../core/logging.js';
import type { BatchHandler, DeliveredMessage, Subscription } from '../../../core/ports/bus.js';
import { redeliveryDelay } from '../redelivery-delay.js';
import type { Claim, ConsumerGroup, GroupMember } from './consumer-group.js';
import { CancellableDelay } from '../cancellable-delay.js';

export interface MemorySubscriptionOptions {
  topic: string;
  group: ConsumerGroup;
  handler: BatchHandler;
  maxBatchSize: number;
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

  constructor(private readonly options: MemorySubscriptionOptions) {
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
    const { group, maxBatchSize } = this.options;
    while (!this.stopped) {
      const claim = group.claim(this, maxBatchSize);
      if (!claim) {
        await this.idle();
        continue;
      }
      try {
        await this.handle(claim);
      } finally {
        group.release(claim);
      }
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
    for (let attempt = 0; ; attempt++) {
      const messages = claim.messages.map(
        (stored): DeliveredMessage => ({
          topic,
          partition: claim.partition,
          offset: String(stored.offset),
          key: stored.key,
          value: stored.value,
          headers: { ...stored.headers },
          redeliveries: group.redeliveries(claim, stored.offset),
        }),
      );
      try {
        await handler(messages);
        group.commit(claim);
        return;
      } catch (error) {
        if (!isRetriable(error)) {
          logger.error({ error, topic, partition: claim.partition, count: messages.length }, 'Handler failed for good, batch sent to the dead-letter topic');
          await this.options.deadLetter(messages, error);
          group.commit(claim);
          return;
        }
        group.failed(claim);
        if (this.stopped) return;
        const delayMs = redeliveryDelay(attempt);
        logger.warn({ error, topic, partition: claim.partition, attempt, delayMs }, 'Handler failed, batch will be redelivered');
        await this.backoff.wait(delayMs);
        if (this.stopped) return;
      }
    }
  }
}
