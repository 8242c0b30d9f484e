import type { Framer, FramerSink } from './framer.js';
import { NewlineFramer } from './newline-framer.js';
import { OctetCountingFramer } from './octet-counting-framer.js';

/** The octet counter allows 9 digits; with its space and a message's `<` that is the most we ever wait for. */
const DECIDING_BYTES = 11;
const SPACE = 0x20;
const LESS_THAN = 0x3c;

/**
 * Picks the framing per connection (RFC 6587 §3.4): octet counting only when the stream starts with
 * `MSG-LEN SP <`, because a syslog message itself starts with `<PRI>`; anything else is newline
 * framing. A bare leading digit is not enough: squid access logs and other lines open with an epoch
 * timestamp. Until the first bytes decide (they may arrive split), at most 11 bytes are held.
 */
export class DetectingFramer implements Framer {
  private inner: Framer | undefined;
  private head: Buffer = Buffer.alloc(0);

  constructor(
    private readonly sink: FramerSink,
    private readonly maxMessageBytes: number,
  ) {}

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    if (this.inner) return this.inner.push(chunk);
    this.head = this.head.length === 0 ? chunk : Buffer.concat([this.head, chunk]);
    const framing = framingOf(this.head);
    if (framing === 'undecided') return;
    this.inner = framing === 'octet-counting' ? new OctetCountingFramer(this.sink, this.maxMessageBytes) : new NewlineFramer(this.sink, this.maxMessageBytes);
    const head = this.head;
    this.head = Buffer.alloc(0);
    this.inner.push(head);
  }

  end(): void {
    // A stream that ended before it could be told apart (`42`, `42 `) was never octet-counted syslog.
    if (!this.inner && this.head.length > 0) {
      this.inner = new NewlineFramer(this.sink, this.maxMessageBytes);
      this.inner.push(this.head);
      this.head = Buffer.alloc(0);
    }
    this.inner?.end();
  }
}

function framingOf(head: Buffer): 'octet-counting' | 'newline' | 'undecided' {
  if (!isNonZeroDigit(head[0]!)) return 'newline';
  let index = 1;
  while (index < head.length && isDigit(head[index]!)) index += 1;
  if (index >= DECIDING_BYTES - 1) return 'newline';
  if (index === head.length) return 'undecided';
  if (head[index] !== SPACE) return 'newline';
  if (index + 1 === head.length) return 'undecided';
  return head[index + 1] === LESS_THAN ? 'octet-counting' : 'newline';
}

function isDigit(byte: number): boolean {
  return byte >= 0x30 && byte <= 0x39;
}

function isNonZeroDigit(byte: number): boolean {
  return byte >= 0x31 && byte <= 0x39;
}
