import type { Framer, FramerSink } from './framer.js';

/** Non-transparent framing (RFC 6587 §3.4.2): one message per LF, a trailing CR and NUL trimmed. */
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
    for (let newline = chunk.indexOf(10, start); newline >= 0; newline = chunk.indexOf(10, start)) {
      this.append(chunk.subarray(start, newline));
      this.emit();
      start = newline + 1;
    }
    if (start < chunk.length) this.append(chunk.subarray(start));
  }

  end(): void {
    if (this.bufferedBytes > 0 || this.discarding) this.emit();
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
    this.buffered.push(part);
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
