import type { Clock } from '../../core/clock.js';
import type { Bus, OutgoingMessage, SubscribeOptions, Subscription } from '../../core/ports/bus.js';

const LAG_TIMEOUT_MS = 2_000;

interface ConsumerProgress {
  topic: string;
  group: string;
  /** When the handler was last called or last returned. */
  lastActivityAt: number;
  /** Set while a handler call runs. */
  inFlightSince: number | undefined;
  /** Set from the first failed call until the next successful one. */
  failingSince: number | undefined;
}

/**
 * Wraps a bus and watches its consumers, so that readiness can tell a consumer that makes no
 * progress from one that has nothing to do: a handler call that does not return, handling that
 * keeps failing (a store that refuses writes), or no call at all while the group has lag.
 */
export class ProgressTrackingBus implements Bus {
  private readonly consumers: ConsumerProgress[] = [];

  constructor(
    private readonly inner: Bus,
    private readonly clock: Clock,
  ) {}

  publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    return this.inner.publish(topic, messages);
  }

  subscribe(options: SubscribeOptions): Promise<Subscription> {
    const progress: ConsumerProgress = { topic: options.topic, group: options.group, lastActivityAt: this.now(), inFlightSince: undefined, failingSince: undefined };
    this.consumers.push(progress);
    return this.inner.subscribe({
      ...options,
      handler: async (messages) => {
        const started = this.now();
        progress.lastActivityAt = started;
        progress.inFlightSince = started;
        try {
          await options.handler(messages);
          progress.failingSince = undefined;
        } catch (error) {
          progress.failingSince ??= started;
          throw error;
        } finally {
          progress.inFlightSince = undefined;
          progress.lastActivityAt = this.now();
        }
      },
    });
  }

  ensureTopics(topics: string[]): Promise<void> {
    return this.inner.ensureTopics(topics);
  }

  lag(topic: string, group: string): Promise<number> {
    return this.inner.lag(topic, group);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** Each consumer group of this process → whether it is making progress (stalled longer than `stallMs` is not). */
  async progressChecks(stallMs: number): Promise<Record<string, boolean>> {
    const now = this.now();
    const checks: Record<string, boolean> = {};
    for (const consumer of this.consumers) {
      const stuck = (consumer.inFlightSince !== undefined && now - consumer.inFlightSince > stallMs) || (consumer.failingSince !== undefined && now - consumer.failingSince > stallMs);
      const idleWithLag = !stuck && now - consumer.lastActivityAt > stallMs && (await this.lagWithin(consumer, LAG_TIMEOUT_MS)) > 0;
      checks[`consumer:${consumer.group}`] = !stuck && !idleWithLag;
    }
    return checks;
  }

  /** A bus that does not answer within `timeoutMs` counts as lag: readiness must answer, and such a bus is not ready. */
  private async lagWithin(consumer: ConsumerProgress, timeoutMs: number): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<number>((resolve) => {
      timer = setTimeout(() => resolve(Number.POSITIVE_INFINITY), timeoutMs);
    });
    try {
      return await Promise.race([this.inner.lag(consumer.topic, consumer.group).catch(() => Number.POSITIVE_INFINITY), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}
