import type { Counter, Gauge, MetricsRegistry } from '../../core/metrics.js';

/** What the syslog listeners count, labelled by `transport`; the pipeline counts messages and parser outcomes. */
export interface TransportMetrics {
  bytesReceived: Counter;
  connectionsOpen: Gauge;
  dropped: Counter;
}

export function transportMetrics(registry: MetricsRegistry): TransportMetrics {
  return {
    bytesReceived: registry.counter('lagebild_collector_bytes_received_total', 'Bytes received by transport'),
    connectionsOpen: registry.gauge('lagebild_collector_connections_open', 'Open stream connections by transport'),
    dropped: registry.counter('lagebild_collector_dropped_total', 'Messages dropped by transport and reason'),
  };
}
