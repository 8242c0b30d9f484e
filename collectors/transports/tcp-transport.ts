import net from 'node:net';
import type { Logger } from '../../core/logging.js';
import { DetectingFramer } from '../framing/detecting-framer.js';
import type { IngestSink, MessageMeta } from '../ingest-sink.js';
import type { TransportMetrics } from './transport-metrics.js';

/**
 * Syslog over TCP (RFC 6587), octet counting or newline framing detected per connection. While the
 * pipeline is saturated every socket is paused, so senders feel backpressure through TCP itself.
 */
export class TcpTransport {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private paused = false;

  constructor(
    private readonly sink: IngestSink,
    private readonly options: { host: string; port: number; maxMessageBytes: number; logger: Logger; transport?: MessageMeta['transport']; metrics?: TransportMetrics },
  ) {}

  /** Starts a plain TCP listener; a TLS transport passes its own server in. */
  async listen(server: net.Server = net.createServer()): Promise<number> {
    this.server = server;
    const event = server instanceof net.Server && 'addContext' in server ? 'secureConnection' : 'connection';
    server.on(event, (socket: net.Socket) => this.handle(socket));
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

  private handle(socket: net.Socket): void {
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
    socket.on('data', (chunk: Buffer) => {
      this.options.metrics?.bytesReceived.inc(labels, chunk.length);
      framer.push(chunk);
      if (this.sink.saturated) this.pauseAll();
    });
    socket.on('end', () => framer.end());
    socket.on('close', () => {
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
