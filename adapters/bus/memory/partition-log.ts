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
  /** Characters of the keys and values retained, the measure of the byte bound on retention. */
  private retainedChars = 0;

  get firstOffset(): number {
    return this.first;
  }

  get nextOffset(): number {
    return this.first + this.messages.length - this.head;
  }

  append(key: string, value: string, headers: Record<string, string>): void {
    this.messages.push({ offset: this.nextOffset, key, value, headers });
    this.retainedChars += key.length + value.length;
  }

  /**
   * The lowest offset from which the retained messages hold at most `maxChars` characters, but not
   * above `limit`: the walk then covers only messages the caller drops, so trimming stays O(1) amortised.
   */
  offsetKeepingChars(maxChars: number, limit: number): number {
    let chars = this.retainedChars;
    let index = this.head;
    const end = Math.min(this.messages.length, this.head + Math.max(0, limit - this.first));
    while (chars > maxChars && index < end) {
      const message = this.messages[index]!;
      chars -= message.key.length + message.value.length;
      index += 1;
    }
    return this.first + (index - this.head);
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
    for (let index = this.head; index < this.head + drop; index += 1) this.retainedChars -= this.messages[index]!.key.length + this.messages[index]!.value.length;
    this.head += drop;
    this.first += drop;
    if (this.head >= COMPACT_AFTER && this.head * 2 >= this.messages.length) {
      this.messages = this.messages.slice(this.head);
      this.head = 0;
    }
  }
}
