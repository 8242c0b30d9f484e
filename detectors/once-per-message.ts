import type { DeliveredMessage } from '../core/ports/bus.js';

/**
 * Hands each delivered message to a stateful stage once per consumer, and keeps what the stage
 * produced for it until the bus has acknowledged that output.
 *
 * The detection engine is such a stage: it folds repeated alerts (the first firing of a window is
 * emitted at once, repeats wait in the fold) and counts events in correlation windows. So a message
 * the bus delivers again (its output failed to publish during a broker restart, or the consumer
 * restarted before committing) must not run through the engine again: the repeat would only join
 * the open fold, and the alert lost with the failed publish would never be emitted; a correlation
 * would count the event twice. The redelivery publishes the kept output instead.
 */
export class OncePerMessage<Output> {
  /** Per topic partition: the highest offset handed to the stage. */
  private readonly processedThrough = new Map<string, bigint>();
  /** Per topic partition: outputs the bus has not acknowledged yet, by offset, in ascending order. */
  private readonly unpublished = new Map<string, Map<string, Output>>();

  /**
   * What to publish for `messages`: `process` runs for each message it has not seen and returns
   * that message's output (undefined for none); a message it has seen contributes its kept output,
   * or nothing once that was published.
   */
  outputs(messages: readonly DeliveredMessage[], process: (message: DeliveredMessage) => Output | undefined): Output[] {
    const outputs: Output[] = [];
    for (const message of messages) {
      const partition = partitionOf(message);
      const offset = BigInt(message.offset);
      const through = this.processedThrough.get(partition);
      if (through !== undefined && offset <= through) {
        const kept = this.unpublished.get(partition)?.get(message.offset);
        if (kept !== undefined) outputs.push(kept);
        continue;
      }
      const output = process(message);
      this.processedThrough.set(partition, offset);
      if (output === undefined) continue;
      let kept = this.unpublished.get(partition);
      if (!kept) this.unpublished.set(partition, (kept = new Map()));
      kept.set(message.offset, output);
      outputs.push(output);
    }
    return outputs;
  }

  /**
   * The bus acknowledged the outputs of `messages`. Older kept outputs of their partitions go too:
   * a partition is consumed in order, so those messages are behind the consumer for good (another
   * consumer took them over while this one had lost the partition).
   */
  published(messages: readonly DeliveredMessage[]): void {
    const newest = new Map<string, bigint>();
    for (const message of messages) {
      const partition = partitionOf(message);
      const offset = BigInt(message.offset);
      if (offset > (newest.get(partition) ?? -1n)) newest.set(partition, offset);
    }
    for (const [partition, through] of newest) {
      const kept = this.unpublished.get(partition);
      if (!kept) continue;
      for (const offset of kept.keys()) {
        if (BigInt(offset) > through) break;
        kept.delete(offset);
      }
      if (kept.size === 0) this.unpublished.delete(partition);
    }
  }
}

function partitionOf(message: DeliveredMessage): string {
  return `${message.topic}\u0000${message.partition}`;
}
