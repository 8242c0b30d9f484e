export interface StoredMessage {
  offset: number;
  key: string;
  value: string;
  headers: Record<string, string>;
  /** Bytes appended to the partition before this message: the difference of two is the size of what lies between. */
  bytesBefore: number;
}

/** Messages held before the start of the array are dropped in one go once they are this many. */
const COMPACT_AFTER = 4096;
/**
 * What a stored message costs beyond its text: the record, its slot in the log and its headers
 * object. Counted so that a flood of tiny messages is bounded too, not only large ones.
 */
export const MESSAGE_OVERHEAD_BYTES = 96;

/**
 * The size the bus charges for a message: its key, value and headers in characters (V8 keeps
 * Latin-1 text at one byte per character, and JSON events are almost all ASCII) plus the overhead.
 */
export function messageBytes(key: string, value: string, headers: Record<string, string> | undefined): number {
  let bytes = MESSAGE_OVERHEAD_BYTES + key.length + value.length;
  if (headers) for (const name in headers) bytes += name.length + headers[name]!.length;
  return bytes;
}

/**
 * The append-only message log of one partition. Offsets grow forever; the head is trimmed when
 * every group has moved past it, so that memory stays bounded while offsets stay stable. Sizes are
 * kept as a running sum, so the bytes from any offset to the end cost one subtraction.
 */
export class PartitionLog {
  /** Emptied below `head`: see `trimBefore`. */
  private messages: (StoredMessage | undefined)[] = [];
  /** Index in `messages` of the oldest retained message; dropping lazily keeps trimming O(1). */
  private head = 0;
  private first = 0;
  private appendedBytes = 0;

  get firstOffset(): number {
    return this.first;
  }

  get nextOffset(): number {
    return this.first + this.messages.length - this.head;
  }

  /** Bytes of the retained messages from `offset` to the end (0 at or past the end). */
  bytesFrom(offset: number): number {
    if (offset >= this.nextOffset) return 0;
    const index = this.head + Math.max(0, offset - this.first);
    return this.appendedBytes - this.messages[index]!.bytesBefore;
  }

  append(key: string, value: string, headers: Record<string, string>): void {
    this.messages.push({ offset: this.nextOffset, key, value, headers, bytesBefore: this.appendedBytes });
    this.appendedBytes += messageBytes(key, value, headers);
  }

  /**
   * The lowest offset from which the retained messages hold at most `maxBytes`, but not above
   * `limit`: the walk then covers only messages the caller drops, so trimming stays O(1) amortised.
   */
  offsetKeepingBytes(maxBytes: number, limit: number): number {
    let index = this.head;
    const end = Math.min(this.messages.length, this.head + Math.max(0, limit - this.first));
    while (index < end && this.appendedBytes - this.messages[index]!.bytesBefore > maxBytes) index += 1;
    return this.first + (index - this.head);
  }

  /**
   * Up to `max` messages starting at `from` (which must not be below `firstOffset`) that together
   * hold at most `maxBytes`, but always the first one, however large.
   */
  read(from: number, max: number, maxBytes = Number.POSITIVE_INFINITY): StoredMessage[] {
    const start = this.head + (from - this.first);
    let end = Math.min(this.messages.length, start + max);
    if (end <= start) return [];
    if (this.bytesBetween(start, end) > maxBytes) {
      // The sizes are a running sum, so the longest prefix within the budget is a binary search.
      let [fits, tooMany] = [start + 1, end];
      while (tooMany - fits > 1) {
        const middle = (fits + tooMany) >>> 1;
        if (this.bytesBetween(start, middle) > maxBytes) tooMany = middle;
        else fits = middle;
      }
      end = fits;
    }
    return this.messages.slice(start, end) as StoredMessage[];
  }

  private bytesBetween(startIndex: number, endIndex: number): number {
    const endBytes = endIndex < this.messages.length ? this.messages[endIndex]!.bytesBefore : this.appendedBytes;
    return endBytes - this.messages[startIndex]!.bytesBefore;
  }

  /** Drops every message below `offset`. */
  trimBefore(offset: number): void {
    const drop = Math.min(offset, this.nextOffset) - this.first;
    if (drop <= 0) return;
    // Dropped slots are emptied now, not at the next compaction: the log lives in the old generation,
    // and every message it still pointed to would be kept and copied by young-generation collections.
    this.messages.fill(undefined, this.head, this.head + drop);
    this.head += drop;
    this.first += drop;
    if (this.head >= COMPACT_AFTER && this.head * 2 >= this.messages.length) {
      this.messages = this.messages.slice(this.head);
      this.head = 0;
    }
  }
}
