import tls from 'node:tls';
import type { IngestSink } from '../ingest-sink.js';
import { TcpTransport, type TcpTransportOptions } from './tcp-transport.js';

export interface TlsTransportOptions extends Omit<TcpTransportOptions, 'transport'> {
  /** A connection that has not completed its handshake by then is closed (slowloris on TLS). */
  handshakeTimeoutMs: number;
  /** PEM server certificate (chain) and key. */
  cert: string | Buffer;
  key: string | Buffer;
  /** PEM CA bundle; when given, senders must present a client certificate it signed (mutual TLS). */
  ca?: string | Buffer;
}

/**
 * Syslog over TLS (RFC 5425, usually port 6514). The TLS layer only wraps the stream: connection
 * limits, framing (octet counting per RFC 5425 §4.3, newline tolerated), backpressure and
 * dead-lettering are the TCP transport's. Its plain listener admits a connection before the
 * handshake and hands it to a TLS server that never listens itself; the decrypted stream comes back.
 */
export class TlsTransport {
  private readonly stream: TcpTransport;
  private readonly server: tls.Server;

  constructor(
    sink: IngestSink,
    options: TlsTransportOptions,
  ) {
    const { cert, key, ca, logger, metrics } = options;
    this.server = tls.createServer({ cert, key, minVersion: 'TLSv1.2', handshakeTimeout: options.handshakeTimeoutMs, ...(ca ? { ca, requestCert: true, rejectUnauthorized: true } : {}) });
    this.server.on('secureConnection', (socket: tls.TLSSocket) => this.stream.read(socket));
    // A failed handshake concerns one sender, not the listener. With this listener attached node
    // leaves the socket open (even after the handshake timeout), so it is closed here.
    this.server.on('tlsClientError', (error: NodeJS.ErrnoException, socket: tls.TLSSocket) => {
      socket.destroy();
      if (error.code === 'ERR_TLS_HANDSHAKE_TIMEOUT') {
        metrics?.connectionsClosed.inc({ transport: 'tls', reason: 'handshake_timeout' });
        logger.debug({ peer: socket.remoteAddress }, 'TLS handshake too slow; connection closed');
      } else logger.warn({ error, peer: socket.remoteAddress }, 'TLS handshake failed');
    });
    this.stream = new TcpTransport(sink, {
      host: options.host,
      port: options.port,
      maxMessageBytes: options.maxMessageBytes,
      logger,
      metrics,
      connections: options.connections,
      idleTimeoutMs: options.idleTimeoutMs,
      transport: 'tls',
      upgrade: (socket) => this.server.emit('connection', socket),
    });
  }

  listen(): Promise<number> {
    return this.stream.listen();
  }

  close(): Promise<void> {
    return this.stream.close();
  }
}
