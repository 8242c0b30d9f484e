import tls from 'node:tls';
import type { Logger } from '../../core/logging.js';
import type { IngestSink } from '../ingest-sink.js';
import { TcpTransport } from './tcp-transport.js';
import type { TransportMetrics } from './transport-metrics.js';

export interface TlsTransportOptions {
  host: string;
  port: number;
  maxMessageBytes: number;
  logger: Logger;
  metrics?: TransportMetrics;
  /** PEM server certificate (chain) and key. */
  cert: string | Buffer;
  key: string | Buffer;
  /** PEM CA bundle; when given, senders must present a client certificate it signed (mutual TLS). */
  ca?: string | Buffer;
}

/**
 * Syslog over TLS (RFC 5425, usually port 6514). The TLS layer only wraps the stream: framing
 * (octet counting per RFC 5425 §4.3, newline tolerated), backpressure and dead-lettering are the
 * TCP transport's, applied to the decrypted socket.
 */
export class TlsTransport {
  private readonly stream: TcpTransport;

  constructor(
    sink: IngestSink,
    private readonly options: TlsTransportOptions,
  ) {
    this.stream = new TcpTransport(sink, { host: options.host, port: options.port, maxMessageBytes: options.maxMessageBytes, logger: options.logger, metrics: options.metrics, transport: 'tls' });
  }

  listen(): Promise<number> {
    const { cert, key, ca } = this.options;
    const server = tls.createServer({ cert, key, minVersion: 'TLSv1.2', ...(ca ? { ca, requestCert: true, rejectUnauthorized: true } : {}) });
    // A failed handshake (wrong CA, plain TCP on the TLS port) concerns one sender, not the listener.
    server.on('tlsClientError', (error, socket) => this.options.logger.warn({ error, peer: socket.remoteAddress }, 'TLS handshake failed'));
    return this.stream.listen(server);
  }

  close(): Promise<void> {
    return this.stream.close();
  }
}
