export interface StoredMessage {
  offset: number;
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** Messages held before the start of the array are dropped in one go once they are this many. */
const COMPACT_AFTER = 4096;

/**
 * The append-only message log of one partition. Offsets grow forever; the head is trimmed when
 * every group has moved past it, so that memory stays bounded while offsets stay stable.
 */
export class PartitionLog {
  private messages: StoredMessage[] = [];
  /** Index in `messages` of the oldest retained message; dropping lazily keeps trimming O(1). */
  private head = 0;
  private first = 0;

  get firstOffset(): number {
    return this.first;
  }

  get nextOffset(): number {
    return this.first + this.messages.length - this.head;
  }

  append(key: string, value: string, headers: Record<string, string>): void {
    this.messages.push({ offset: this.nextOffset, key, value, headers });
  }

  /** Up to `max` messages starting at `from` (which must not be below `firstOffset`). */
  read(from: number, max: number): StoredMessage[] {
    const start = this.head + (from - this.first);
    return this.messages.slice(start, start + max);
  }

  /** Drops every message below `offset`. */
  trimBefore(offset: number): void {
    const drop = Math.min(offset, this.nextOffset) - this.first;
    if (drop <= 0) return;
    this.head += drop;
    this.first += drop;
    if (this.head >= COMPACT_AFTER && this.head * 2 >= this.messages.length) {
      this.messages = this.messages.slice(this.head);
      this.head = 0;
    }
  }
}
