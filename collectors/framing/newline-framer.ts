import type { Framer, FramerSink } from './framer.js';

const LF = 0x0a;
const CR = 0x0d;
const NUL = 0x00;

/**
 * Non-transparent framing (RFC 6587 §3.4.2): one message per LF, a trailing CR and NUL trimmed. A
 * line that lies whole inside one chunk is decoded straight from it; only a line split across reads
 * is copied together first.
 */
export class NewlineFramer implements Framer {
  private buffered: Buffer[] = [];
  private bufferedBytes = 0;
  private discarding = false;

  constructor(
    private readonly sink: FramerSink,
    private readonly maxMessageBytes: number,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (let newline = chunk.indexOf(LF, start); newline >= 0; newline = chunk.indexOf(LF, start)) {
      if (this.bufferedBytes === 0 && !this.discarding && newline - start <= this.maxMessageBytes) this.emitWhole(chunk, start, newline);
      else {
        this.append(chunk.subarray(start, newline));
        this.emit();
      }
      start = newline + 1;
    }
    if (start < chunk.length) this.append(chunk.subarray(start));
  }

  end(): void {
    if (this.bufferedBytes > 0 || this.discarding) this.emit();
  }

  private emitWhole(chunk: Buffer, start: number, end: number): void {
    let last = end;
    while (last > start && (chunk[last - 1] === CR || chunk[last - 1] === NUL)) last -= 1;
    if (last > start) this.sink.message(chunk.toString('utf8', start, last));
  }

  private append(part: Buffer): void {
    if (this.bufferedBytes + part.length > this.maxMessageBytes) {
      // Keep the head of an oversized line for the dead-letter entry, drop the rest as it streams in.
      if (!this.discarding) {
        this.buffered.push(part.subarray(0, Math.max(0, this.maxMessageBytes - this.bufferedBytes)));
        this.discarding = true;
      }
      this.bufferedBytes += part.length;
      return;
    }
    // A subarray would pin the whole read buffer while the rest of the line is awaited: keep a copy.
    this.buffered.push(Buffer.from(part));
    this.bufferedBytes += part.length;
  }

  private emit(): void {
    const text = Buffer.concat(this.buffered).toString('utf8').replace(/[\r\0]+$/, '');
    if (this.discarding) this.sink.invalid(text, `message longer than ${this.maxMessageBytes} bytes (${this.bufferedBytes} bytes)`);
    else if (text.length > 0) this.sink.message(text);
    this.buffered = [];
    this.bufferedBytes = 0;
    this.discarding = false;
  }
}
