import dgram from 'node:dgram';
import type { Logger } from '../../core/logging.js';
import type { IngestSink } from '../ingest-sink.js';
import type { TransportMetrics } from './transport-metrics.js';

const UDP = { transport: 'udp' };

/**
 * Syslog over UDP (RFC 5426): one datagram, one message. UDP has no flow control, so while the
 * pipeline is saturated datagrams are dropped and counted rather than buffered without bound.
 */
export class UdpTransport {
  private socket: dgram.Socket | undefined;

  constructor(
    private readonly sink: IngestSink,
    private readonly options: { host: string; port: number; logger: Logger; metrics: TransportMetrics },
  ) {}

  async listen(): Promise<number> {
    const socket = dgram.createSocket({ type: this.options.host.includes(':') ? 'udp6' : 'udp4', recvBufferSize: 8 * 1024 * 1024 });
    this.socket = socket;
    socket.on('message', (datagram, remote) => {
      this.options.metrics.bytesReceived.inc(UDP, datagram.length);
      if (this.sink.saturated) {
        this.options.metrics.dropped.inc({ transport: 'udp', reason: 'backpressure' });
        return;
      }
      const text = datagram.toString('utf8').replace(/[\r\n\0]+$/, '');
      if (text.length > 0) this.sink.accept(text, { transport: 'udp', peerAddress: remote.address });
    });
    socket.on('error', (error) => this.options.logger.error({ error }, 'UDP socket error'));
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(this.options.port, this.options.host, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    return socket.address().port;
  }

  async close(): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    this.socket = undefined;
    await new Promise<void>((resolve) => socket.close(() => resolve()));
  }
}
