import type { IngestSink, MessageMeta } from '../../../../collectors/ingest-sink.js';

/** An IngestSink that keeps what transports hand it, for transport tests that are about transport only. */
export class RecordingSink implements IngestSink {
  readonly accepted: { message: string; meta: MessageMeta }[] = [];
  readonly rejected: { raw: string; reason: string; meta: MessageMeta }[] = [];
  saturated = false;

  accept(message: string, meta: MessageMeta): void {
    this.accepted.push({ message, meta });
  }

  reject(raw: string, reason: string, meta: MessageMeta): void {
    this.rejected.push({ raw, reason, meta });
  }

  onceDrained(callback: () => void): void {
    callback();
  }

  /** Resolves once `count` messages arrived; rejects after `timeoutMs` saying how many did. */
  async waitForAccepted(count: number, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.accepted.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} messages, got ${this.accepted.length}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
