export interface MessageMeta {
  transport: 'udp' | 'tcp' | 'tls' | 'http' | 'file';
  peerAddress?: string;
  /** Organisation the source token is bound to (HTTP ingest); overrides address attribution. */
  organizationId?: string;
  /** Parser to use instead of `auto` (a log source may pin one). */
  parser?: string;
}

/** Where transports hand complete messages. It also tells them when to slow down. */
export interface IngestSink {
  accept(message: string, meta: MessageMeta): void;
  /** Input that could not even be framed; it is dead-lettered whole. */
  reject(raw: string, reason: string, meta: MessageMeta): void;
  /** True while the pipeline holds more unpublished events than it should; TCP pauses, UDP drops. */
  readonly saturated: boolean;
  /**
   * True while more text waits for the parsing workers than keeps them busy. Stream transports pause
   * then already, long before `saturated`: their senders' kernels hold the rest for free, while lines
   * waiting in this process are copied by every young-generation collection they live through.
   */
  readonly backlogged?: boolean;
  /** Calls back once the sink is neither saturated nor backlogged. */
  onceDrained(callback: () => void): void;
}
