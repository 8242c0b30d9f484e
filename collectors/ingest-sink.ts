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
  onceDrained(callback: () => void): void;
}
