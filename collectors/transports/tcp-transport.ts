import net from 'node:net';
import type { Logger } from '../../core/logging.js';
import { DetectingFramer } from '../framing/detecting-framer.js';
import type { IngestSink, MessageMeta } from '../ingest-sink.js';
import type { ConnectionLimiter } from './connection-limiter.js';
import type { TransportMetrics } from './transport-metrics.js';

export interface TcpTransportOptions {
  host: string;
  port: number;
  maxMessageBytes: number;
  logger: Logger;
  /** Shared with the other stream listener: the limits are on the process's connections. */
  connections: ConnectionLimiter;
  /** A connection that sent nothing for this long is closed; syslog senders reconnect when they next send. */
  idleTimeoutMs: number;
  transport?: MessageMeta['transport'];
  metrics?: TransportMetrics;
  /** Takes an admitted connection over instead of reading it as is (TLS: the handshake comes first); it hands the stream back to `read`. */
  upgrade?: (socket: net.Socket) => void;
}

/**
 * Syslog over TCP (RFC 6587), octet counting or newline framing detected per connection. While the
 * pipeline is saturated or backlogged every socket is paused, so senders feel backpressure through TCP itself.
 */
export class TcpTransport {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private paused = false;

  constructor(
    private readonly sink: IngestSink,
    private readonly options: TcpTransportOptions,
  ) {}

  async listen(): Promise<number> {
    const server = net.createServer();
    this.server = server;
    const transport = this.options.transport ?? 'tcp';
    server.on('connection', (socket: net.Socket) => {
      if (!this.options.connections.admit(socket, transport)) return;
      if (this.options.upgrade) this.options.upgrade(socket);
      else this.read(socket);
    });
    server.on('error', (error) => this.options.logger.error({ error }, 'TCP listener error'));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return (server.address() as net.AddressInfo).port;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.end();
    await closed;
  }

  /** Reads syslog from an admitted connection (for TLS, the decrypted stream after the handshake). */
  read(socket: net.Socket): void {
    const meta: MessageMeta = { transport: this.options.transport ?? 'tcp', peerAddress: socket.remoteAddress };
    const labels = { transport: meta.transport };
    const framer = new DetectingFramer(
      {
        message: (text) => this.sink.accept(text, meta),
        invalid: (raw, reason) => this.sink.reject(raw, reason, meta),
      },
      this.options.maxMessageBytes,
    );
    this.sockets.add(socket);
    this.options.metrics?.connectionsOpen.set(labels, this.sockets.size);
    if (this.paused) socket.pause();
    socket.setKeepAlive(true, 60_000);
    socket.setTimeout(this.options.idleTimeoutMs);
    socket.on('timeout', () => {
      // A paused socket is quiet because of us, not the sender: closing it would lose what its kernel buffer holds.
      if (this.paused) {
        socket.setTimeout(this.options.idleTimeoutMs);
        return;
      }
      this.options.metrics?.connectionsClosed.inc({ ...labels, reason: 'idle' });
      socket.destroy();
    });
    socket.on('data', (chunk: Buffer) => {
      this.options.metrics?.bytesReceived.inc(labels, chunk.length);
      framer.push(chunk);
      if (this.sink.saturated || this.sink.backlogged === true) this.pauseAll();
    });
    // However the connection ends (end of stream, idle close, reset), a partly framed message is not lost.
    socket.on('close', () => {
      framer.end();
      this.sockets.delete(socket);
      this.options.metrics?.connectionsOpen.set(labels, this.sockets.size);
    });
    socket.on('error', (error) => this.options.logger.debug({ error, peer: meta.peerAddress }, 'TCP connection error'));
  }

  private pauseAll(): void {
    if (this.paused) return;
    this.paused = true;
    for (const socket of this.sockets) socket.pause();
    this.sink.onceDrained(() => {
      this.paused = false;
      for (const socket of this.sockets) socket.resume();
    });
  }
}
