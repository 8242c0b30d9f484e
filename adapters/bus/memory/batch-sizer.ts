/**
 * In embedded mode every stage shares one event loop with the API and the listeners, and a handler
 * on the memory bus runs its whole batch as one task when the store answers synchronously (SQLite).
 * A batch of 500 hostile events took a detector half a second on a loaded machine, long enough for
 * /healthz to miss its second. So a subscription sizes its batches by time: after each batch the
 * next one is scaled so that a handler call takes about `budgetMs`, never above the subscriber's
 * `maxBatchSize`. Cheap stages keep their full batches; expensive ones hand the loop back often.
 * It starts small, since the first batch has no measure yet, and grows after each fast full one.
 */
const FIRST_BATCH_SIZE = 64;

export class BatchSizer {
  private size: number;

  constructor(
    private readonly maxBatchSize: number,
    private readonly budgetMs: number,
  ) {
    this.size = Math.min(maxBatchSize, FIRST_BATCH_SIZE);
  }

  /** How many messages the next batch may hold. */
  get next(): number {
    return this.size;
  }

  /** What the last batch of `count` messages cost. */
  took(count: number, elapsedMs: number): void {
    if (count === 0) return;
    const fitting = Math.floor((count * this.budgetMs) / Math.max(elapsedMs, 0.001));
    if (elapsedMs > this.budgetMs) this.size = Math.max(1, fitting);
    // Grow only after a full batch (a short one says nothing about what a full one costs), and at
    // most twofold, since one fast batch may have been a cheap one.
    else if (count >= this.size) this.size = Math.min(this.maxBatchSize, 2 * count, Math.max(this.size, fitting));
  }
}
