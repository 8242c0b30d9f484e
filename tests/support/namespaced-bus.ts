import type { Bus, OutgoingMessage, SubscribeOptions, Subscription } from '../../core/ports/bus.js';

/**
 * A bus whose topics and consumer groups carry a prefix of their own, so that a test running the
 * product's consumers over a shared Kafka broker sees only its own messages and leaves the fixed
 * topics and groups of other suites alone. The consumers see the names they know.
 */
export class NamespacedBus implements Bus {
  constructor(
    private readonly inner: Bus,
    private readonly prefix: string,
  ) {}

  publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    return this.inner.publish(this.name(topic), messages);
  }

  subscribe(options: SubscribeOptions): Promise<Subscription> {
    return this.inner.subscribe({
      ...options,
      topic: this.name(options.topic),
      group: this.name(options.group),
      handler: (messages) => options.handler(messages.map((message) => ({ ...message, topic: message.topic.slice(this.prefix.length + 1) }))),
    });
  }

  ensureTopics(topics: string[]): Promise<void> {
    return this.inner.ensureTopics(topics.map((topic) => this.name(topic)));
  }

  lag(topic: string, group: string): Promise<number> {
    return this.inner.lag(this.name(topic), this.name(group));
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private name(topic: string): string {
    return `${this.prefix}.${topic}`;
  }
}
