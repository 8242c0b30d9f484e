import type net from 'node:net';
import type { Logger } from '../../core/logging.js';
import type { TransportMetrics } from './transport-metrics.js';

export interface ConnectionLimits {
  /** Open syslog stream connections (TCP and TLS together, handshakes included). */
  maxConnections: number;
  maxConnectionsPerPeer: number;
}

/**
 * Every open connection holds a file descriptor, and the API shares the process's descriptors: idle
 * syslog connections without a bound starved the API once. One limiter is shared by the TCP and
 * TLS listeners; it admits a connection on accept, before any TLS handshake, and refuses beyond a
 * limit by closing at once, with nothing buffered and nothing answered.
 */
export class ConnectionLimiter {
  private open = 0;
  private readonly openByPeer = new Map<string, number>();
  /** Logged once when refusing starts, not once per refused connection: a flood must not flood the log. */
  private refusing = false;

  constructor(
    private readonly limits: ConnectionLimits,
    private readonly metrics: TransportMetrics,
    private readonly logger: Logger,
  ) {}

  /** Counts the connection until it closes and returns true, or destroys it and returns false. */
  admit(socket: net.Socket, transport: string): boolean {
    const peer = socket.remoteAddress ?? '';
    const fromPeer = this.openByPeer.get(peer) ?? 0;
    const reason = this.open >= this.limits.maxConnections ? 'total_limit' : fromPeer >= this.limits.maxConnectionsPerPeer ? 'peer_limit' : undefined;
    if (reason) {
      socket.destroy();
      this.metrics.connectionsRefused.inc({ transport, reason });
      if (!this.refusing) this.logger.warn({ peer, reason, open: this.open, fromPeer }, 'Connection limit reached; refusing syslog connections');
      this.refusing = true;
      return false;
    }
    this.refusing = false;
    this.open += 1;
    this.openByPeer.set(peer, fromPeer + 1);
    socket.once('close', () => {
      this.open -= 1;
      const left = (this.openByPeer.get(peer) ?? 1) - 1;
      if (left === 0) this.openByPeer.delete(peer);
      else this.openByPeer.set(peer, left);
    });
    return true;
  }
}
