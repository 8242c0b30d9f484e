import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { CollectorPipeline } from '../collectors/collector-pipeline.js';
import { ConnectionLimiter } from '../collectors/transports/connection-limiter.js';
import { TcpTransport } from '../collectors/transports/tcp-transport.js';
import { TlsTransport } from '../collectors/transports/tls-transport.js';
import { transportMetrics } from '../collectors/transports/transport-metrics.js';
import { UdpTransport } from '../collectors/transports/udp-transport.js';
import { systemClock, type Clock } from '../core/clock.js';
import type { Config, RoleName } from '../core/config.js';
import { ALL } from '../core/domain/scope.js';
import { componentLogger, type Logger } from '../core/logging.js';
import { MetricsRegistry } from '../core/metrics.js';
import { watchEventLoop } from '../core/event-loop-watch.js';
import { deadLetterTopic, TOPICS, type Subscription } from '../core/ports/bus.js';
import { REKEYED_TOPIC, startDetectorConsumer } from '../detectors/detector-consumer.js';
import { startCrossOrgCorrelationConsumer } from '../detectors/cross-org-correlation-consumer.js';
import { watchIocLists } from '../detectors/ioc/watch-ioc-lists.js';
import { parsers } from '../collectors/parsers/registry.js';
import { EngineRulesCatalog } from '../detectors/rules-catalog.js';
import { DetectionEngine } from '../detectors/detection-engine.js';
import { incidentUpdateFor } from '../detectors/incidents/incident-update.js';
import { startEventArchive } from '../workflows/event-archive.js';
import { startIncidentRecorder } from '../workflows/incident-recorder.js';
import { createSuppressionFilter } from '../workflows/suppressions/suppression-filter.js';
import { createApp } from '../api/app.js';
import { HttpIngest } from '../collectors/transports/http-ingest.js';
import { startScheduler } from '../workflows/jobs/scheduler.js';
import { resolveSourceToken } from '../workflows/log-sources/resolve-source-token.js';
import type { AppStore } from '../core/ports/app-store.js';
import { createBus, createMailer, createStore } from './compose.js';
import { ProgressTrackingBus } from '../adapters/bus/progress-tracking-bus.js';

export interface RunningService {
  store: AppStore;
  httpPort: number | undefined;
  syslogUdpPort: number | undefined;
  syslogTcpPort: number | undefined;
  /** Only when a certificate and key are configured. */
  syslogTlsPort: number | undefined;
  collector: CollectorPipeline | undefined;
  stop(): Promise<void>;
}

export interface ServiceOptions {
  config: Config;
  roles: readonly RoleName[];
  logger: Logger;
  clock?: Clock;
  /** Runs after the store is ready and before anything listens: demo seeding, first admin. */
  prepare?: (context: { store: AppStore; clock: Clock }) => Promise<void>;
}

const ORGANISATION_REFRESH_MS = 60_000;

/**
 * Starts the roles this process runs, on the adapters the config names. Everything stops in
 * reverse order: listeners first, then consumers (which commit what they finished), then the bus
 * and the store.
 */
export async function startService(options: ServiceOptions): Promise<RunningService> {
  const { config, roles, logger } = options;
  const clock = options.clock ?? systemClock;
  const metrics = new MetricsRegistry();
  // Listeners stop first so that nothing new arrives; then components in reverse order of starting.
  const listeners: (() => Promise<void>)[] = [];
  const stops: (() => Promise<void>)[] = [];
  const has = (role: RoleName) => roles.includes(role);

  mkdirSync(config.dataDir, { recursive: true });
  const store = await createStore(config, logger);
  await store.init();
  stops.push(() => store.close());
  const bus = new ProgressTrackingBus(await createBus(config, logger), clock);
  await bus.ensureTopics([TOPICS.events, TOPICS.alerts, TOPICS.eventsDlq, deadLetterTopic(TOPICS.alerts), REKEYED_TOPIC, deadLetterTopic(REKEYED_TOPIC)]);
  stops.push(() => bus.close());
  await options.prepare?.({ store, clock });
  const mailer = await createMailer(config, clock);
  stops.push(() => mailer.close());

  const result: RunningService = { store, httpPort: undefined, syslogUdpPort: undefined, syslogTcpPort: undefined, syslogTlsPort: undefined, collector: undefined, stop: async () => undefined };

  // The API's rules catalog needs an engine; in a detector process it is the live one.
  let rules: EngineRulesCatalog | undefined;
  if (has('detectors') || has('api')) {
    const { engine, problems, defaults } = await DetectionEngine.load(config.rulesDir, { correlation: { latenessMs: config.correlationLatenessSeconds * 1000 } });
    for (const problem of problems) componentLogger(logger, 'rules').warn({ file: problem.file, line: problem.line, problem: problem.message }, 'Rule problem');
    rules = await EngineRulesCatalog.open({ engine, defaults, rulesDir: config.rulesDir, dataDir: config.dataDir });
    if (has('detectors')) {
      engine.prepare();
      const iocWatch = watchIocLists(engine, config.rulesDir, componentLogger(logger, 'ioc'));
      const subscriptions: Subscription[] = [
        await startDetectorConsumer({ bus, engine: () => engine, metrics, rekeyCrossOrg: true }),
        await startCrossOrgCorrelationConsumer({ bus, engine: () => engine, metrics }),
        await startIncidentRecorder({ bus, store, clock, metrics, incidentUpdateFor, suppressions: createSuppressionFilter({ store, clock }) }),
        await startEventArchive({ bus, store, metrics }),
      ];
      stops.push(async () => {
        iocWatch.close();
        for (const subscription of subscriptions) await subscription.stop();
      });
    }
  }

  if (has('collectors') || has('api')) {
    const collectorLogger = componentLogger(logger, 'collector');
    const collector = new CollectorPipeline({ bus, clock, logger: collectorLogger, metrics, organisations: await store.organisations.list(ALL), maxMessageBytes: config.maxLineBytes, parsingWorkers: config.collectorWorkers });
    const refresh = setInterval(() => {
      store.organisations.list(ALL).then((organisations) => collector.updateOrganisations(organisations), (error) => collectorLogger.warn({ error }, 'Refreshing the constituency failed'));
    }, ORGANISATION_REFRESH_MS);
    refresh.unref();
    stops.push(async () => {
      clearInterval(refresh);
      await collector.close();
    });
    result.collector = collector;

    if (has('collectors')) {
      const counted = transportMetrics(metrics);
      const streams = {
        connections: new ConnectionLimiter({ maxConnections: config.syslogMaxConnections, maxConnectionsPerPeer: config.syslogMaxConnectionsPerPeer }, counted, componentLogger(logger, 'syslog-connections')),
        idleTimeoutMs: config.syslogIdleTimeoutSeconds * 1000,
      };
      const udp = new UdpTransport(collector, { host: config.bindAddress, port: config.syslogPort, logger: componentLogger(logger, 'syslog-udp'), metrics: counted });
      const tcp = new TcpTransport(collector, { host: config.bindAddress, port: config.syslogPort, maxMessageBytes: config.maxLineBytes, logger: componentLogger(logger, 'syslog-tcp'), metrics: counted, ...streams });
      result.syslogUdpPort = await udp.listen();
      result.syslogTcpPort = await tcp.listen();
      listeners.push(
        () => udp.close(),
        () => tcp.close(),
      );
      if (config.tlsCertFile && config.tlsKeyFile) {
        const tlsFiles = { cert: readFileSync(config.tlsCertFile), key: readFileSync(config.tlsKeyFile), ...(config.tlsCaFile ? { ca: readFileSync(config.tlsCaFile) } : {}) };
        const tlsListener = new TlsTransport(collector, { host: config.bindAddress, port: config.syslogTlsPort, maxMessageBytes: config.maxLineBytes, logger: componentLogger(logger, 'syslog-tls'), metrics: counted, ...streams, handshakeTimeoutMs: config.syslogTlsHandshakeTimeoutSeconds * 1000, ...tlsFiles });
        result.syslogTlsPort = await tlsListener.listen();
        listeners.push(() => tlsListener.close());
      }
    }
  }

  if (has('api')) {
    const jwtSecret = config.jwtSecret ?? ephemeralSecret(logger);
    const app = createApp({
      config: { ...config, jwtSecret },
      store,
      clock,
      logger: componentLogger(logger, 'api'),
      metrics,
      mailer,
      rules,
      parserNames: [...parsers.keys()],
      ingest: new HttpIngest(result.collector!, resolveSourceToken(store)),
      uiDir: path.resolve('ui/dist'),
      readiness: async () => {
        const stallMs = config.readinessStallSeconds * 1000;
        const checks: Record<string, boolean> = { store: await store.ping(), ...(await bus.progressChecks(stallMs)) };
        if (result.collector) checks.collector = result.collector.stalledForMs(clock.now()) <= stallMs;
        return checks;
      },
    });
    const server = await listen(app, config.httpPort, config.bindAddress);
    result.httpPort = (server.address() as { port: number }).port;
    listeners.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        }),
    );
  }

  if (has('scheduler')) {
    const scheduler = startScheduler({ store, mailer, clock, logger: componentLogger(logger, 'scheduler'), config });
    stops.push(() => scheduler.stop());
  }

  // Started last: loading rules and building indexes above may hold the loop, and that is no stall.
  const stopWatching = watchEventLoop(metrics, componentLogger(logger, 'event-loop'));
  stops.push(async () => stopWatching());
  result.stop = async () => {
    for (const stop of [...listeners, ...stops.reverse()]) {
      try {
        await stop();
      } catch (error) {
        logger.warn({ error }, 'Stopping a component failed');
      }
    }
  };
  return result;
}

function listen(app: http.RequestListener, port: number, host: string): Promise<http.Server> {
  return import('node:http').then(
    ({ createServer }) =>
      new Promise<http.Server>((resolve, reject) => {
        const server = createServer(app);
        server.once('error', reject);
        server.listen(port, host, () => resolve(server));
      }),
  );
}

/** Without LAGEBILD_JWT_SECRET every start signs with a fresh secret: sessions end on restart. */
function ephemeralSecret(logger: Logger): string {
  logger.warn('LAGEBILD_JWT_SECRET is not set: using a random secret for this run; logins do not survive a restart');
  return randomBytes(48).toString('base64url');
}
