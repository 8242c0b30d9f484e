/**
 * A framer cuts a byte stream into messages. Transports feed it chunks as they arrive; it calls
 * back once per complete message and reports messages that break the framing rules, so the
 * transport can dead-letter them instead of losing them.
 */
export interface FramerSink {
  message(text: string): void;
  /** A frame that could not be delimited (too long, malformed length); `raw` keeps what was seen. */
  invalid(raw: string, reason: string): void;
}

export interface Framer {
  push(chunk: Buffer): void;
  /** End of stream: whatever is buffered becomes a last message. */
  end(): void;
}
