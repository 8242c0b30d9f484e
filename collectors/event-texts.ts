/**
 * The events of a parsing batch as UTF-8 in one ArrayBuffer that is moved to the pool's thread and
 * back instead of being copied. Posting the texts themselves flattened and copied each of them into
 * a freshly allocated serialisation buffer, on a machine where touching fresh memory is the dearest
 * thing a process does; these buffers go round and round instead.
 */
export interface EventTexts {
  buffer: ArrayBuffer;
  /** Byte offset after each message's text; a failed message's text is empty. */
  ends: number[];
  /** Every text is ASCII (one byte per character): read as Latin-1, which copies without decoding. */
  ascii: boolean;
}

/**
 * Buffers are kept for reuse up to this many and this size; a batch of huge events gets a one-off.
 * A buffer comes back with the next batch the pool sends, behind the batches already queued for the
 * worker (a mebibyte of lines is about sixteen), so that many are on their way at any time.
 */
const SPARE_BUFFERS = 24;
const MAX_SPARE_BYTES = 4 * 2 ** 20;
/** A batch of one socket read (64 KiB of lines) makes about 300 KiB of events. */
const INITIAL_BYTES = 512 * 1024;
/** The most bytes UTF-8 takes per UTF-16 code unit. */
const MAX_BYTES_PER_UNIT = 3;

/**
 * Node's own per-encoding methods behind `write` and `toString` (there since Node 0.x, not in its
 * typings): called once per event, the generic entry points' argument handling was a measurable part.
 */
interface RawBuffer {
  utf8Write(text: string, offset: number): number;
  utf8Slice(start: number, end: number): string;
  latin1Slice(start: number, end: number): string;
}

/** Writes one batch's texts at a time, into buffers that came back from the other thread when it can. */
export class EventTextWriter {
  private readonly spare: ArrayBuffer[] = [];
  private bytes: Buffer = Buffer.alloc(0);
  private at = 0;
  private ends: number[] = [];
  private ascii = true;

  begin(): void {
    this.bytes = Buffer.from(this.take(INITIAL_BYTES));
    this.at = 0;
    this.ends = [];
    this.ascii = true;
  }

  add(text: string): void {
    const room = text.length * MAX_BYTES_PER_UNIT;
    if (this.bytes.length - this.at < room) {
      const larger = Buffer.from(this.take(Math.max(this.bytes.length * 2, this.at + room)));
      this.bytes.copy(larger, 0, 0, this.at);
      this.recycle(this.bytes.buffer as ArrayBuffer);
      this.bytes = larger;
    }
    const written = (this.bytes as unknown as RawBuffer).utf8Write(text, this.at);
    // UTF-8 takes more bytes than characters for anything beyond ASCII.
    if (written !== text.length) this.ascii = false;
    this.at += written;
    this.ends.push(this.at);
  }

  finish(): EventTexts {
    const texts = { buffer: this.bytes.buffer as ArrayBuffer, ends: this.ends, ascii: this.ascii };
    this.bytes = Buffer.alloc(0);
    this.ends = [];
    return texts;
  }

  /** A buffer the other thread has read and handed back. */
  recycle(buffer: ArrayBuffer): void {
    if (this.spare.length < SPARE_BUFFERS && buffer.byteLength <= MAX_SPARE_BYTES) this.spare.push(buffer);
  }

  private take(bytes: number): ArrayBuffer {
    for (let index = this.spare.length - 1; index >= 0; index--) {
      if (this.spare[index]!.byteLength >= bytes) return this.spare.splice(index, 1)[0]!;
    }
    // Not zeroed: every byte read back has been written first.
    return Buffer.allocUnsafeSlow(bytes).buffer as ArrayBuffer;
  }
}

/** The text of message `index`, as it was written. */
export function eventText(bytes: Buffer, texts: EventTexts, index: number): string {
  const start = index === 0 ? 0 : texts.ends[index - 1]!;
  const end = texts.ends[index]!;
  return texts.ascii ? (bytes as unknown as RawBuffer).latin1Slice(start, end) : (bytes as unknown as RawBuffer).utf8Slice(start, end);
}
