import type { Counter, Gauge, MetricsRegistry } from '../../core/metrics.js';

/** What the syslog listeners count, labelled by `transport`; the pipeline counts messages and parser outcomes. */
export interface TransportMetrics {
  bytesReceived: Counter;
  connectionsOpen: Gauge;
  /** Labelled by `reason`: `total_limit` or `peer_limit`. */
  connectionsRefused: Counter;
  /** Closed by the listener, labelled by `reason`: `idle` or `handshake_timeout`. */
  connectionsClosed: Counter;
  dropped: Counter;
}

export function transportMetrics(registry: MetricsRegistry): TransportMetrics {
  return {
    bytesReceived: registry.counter('lagebild_collector_bytes_received_total', 'Bytes received by transport'),
    connectionsOpen: registry.gauge('lagebild_collector_connections_open', 'Open stream connections by transport'),
    connectionsRefused: registry.counter('lagebild_collector_connections_refused_total', 'Stream connections refused at a connection limit, by transport and reason'),
    connectionsClosed: registry.counter('lagebild_collector_connections_closed_total', 'Stream connections closed by the listener (idle, TLS handshake too slow), by transport and reason'),
    dropped: registry.counter('lagebild_collector_dropped_total', 'Messages dropped by transport and reason'),
  };
}
