import { MemoryBus } from '../../../../adapters/bus/memory/memory-bus.js';
import { silentLogger } from '../../../../core/logging.js';
import type { OutgoingMessage } from '../../../../core/ports/bus.js';

/** A memory bus whose publish hangs while the gate is closed: a bus that lags as badly as it can. */
export class GatedBus extends MemoryBus {
  private gate: Promise<void> | undefined;
  private openGate: (() => void) | undefined;

  constructor() {
    super({ partitions: 4, retainPerPartition: 1_000_000, retainBytesPerPartition: Number.POSITIVE_INFINITY, logger: silentLogger() });
  }

  closeGate(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  open(): void {
    this.openGate?.();
    this.gate = undefined;
  }

  override async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    while (this.gate) await this.gate;
    await super.publish(topic, messages);
  }

  /** Messages on a topic so far (nobody consumes in these tests, so the lag of a new group is all of them). */
  published(topic: string): Promise<number> {
    return this.lag(topic, 'test-observer');
  }
}
