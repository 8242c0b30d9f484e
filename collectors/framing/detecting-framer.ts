import type { Framer, FramerSink } from './framer.js';
import { NewlineFramer } from './newline-framer.js';
import { OctetCountingFramer } from './octet-counting-framer.js';

/**
 * Picks the framing per connection from its first byte: a digit means octet counting (a syslog
 * message itself starts with `<`), anything else newline framing (RFC 6587 §3.4).
 */
export class DetectingFramer implements Framer {
  private inner: Framer | undefined;

  constructor(
    private readonly sink: FramerSink,
    private readonly maxMessageBytes: number,
  ) {}

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    if (!this.inner) {
      const first = chunk[0]!;
      this.inner = first >= 0x31 && first <= 0x39 ? new OctetCountingFramer(this.sink, this.maxMessageBytes) : new NewlineFramer(this.sink, this.maxMessageBytes);
    }
    this.inner.push(chunk);
  }

  end(): void {
    this.inner?.end();
  }
}
