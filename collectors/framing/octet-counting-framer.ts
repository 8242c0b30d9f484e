import type { Framer, FramerSink } from './framer.js';

const MAX_LENGTH_DIGITS = 9;

/** Octet-counting framing (RFC 6587 §3.4.1): `MSG-LEN SP SYSLOG-MSG`, as rsyslog and syslog-ng send over TCP. */
export class OctetCountingFramer implements Framer {
  private pending: Buffer = Buffer.alloc(0);
  private broken = false;

  constructor(
    private readonly sink: FramerSink,
    private readonly maxMessageBytes: number,
  ) {}

  push(chunk: Buffer): void {
    if (this.broken) return;
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    let offset = 0;
    while (offset < this.pending.length) {
      const space = this.pending.indexOf(32, offset);
      if (space < 0) {
        if (this.pending.length - offset > MAX_LENGTH_DIGITS) return this.fail(offset, 'octet count without a following space');
        break;
      }
      const digits = this.pending.toString('latin1', offset, space);
      if (!/^[1-9][0-9]{0,8}$/.test(digits)) return this.fail(offset, `invalid octet count "${digits.slice(0, 12)}"`);
      const length = Number(digits);
      if (length > this.maxMessageBytes) return this.fail(offset, `frame of ${length} bytes exceeds the limit of ${this.maxMessageBytes}`);
      const end = space + 1 + length;
      if (end > this.pending.length) break;
      const text = this.pending.toString('utf8', space + 1, end).replace(/[\r\n\0]+$/, '');
      if (text.length > 0) this.sink.message(text);
      offset = end;
    }
    this.pending = this.pending.subarray(offset);
  }

  end(): void {
    if (!this.broken && this.pending.length > 0) this.sink.invalid(this.pending.toString('utf8'), 'connection closed inside a frame');
    this.pending = Buffer.alloc(0);
  }

  /** After a framing error the stream position is unknown; the rest of the connection is dead-lettered whole. */
  private fail(offset: number, reason: string): void {
    this.sink.invalid(this.pending.subarray(offset, offset + this.maxMessageBytes).toString('utf8'), reason);
    this.broken = true;
    this.pending = Buffer.alloc(0);
  }
}
