import { rmSync } from 'node:fs';
import net from 'node:net';
import { expect } from 'chai';
import { generateTestCertificates, type TestCertificates } from '../fixtures/tls/test-certificates.js';
import { eventually } from '../support/eventually.js';
import { freePort } from '../support/service-process.js';
import { startSpawnedLagebild, type SpawnedLagebild } from '../support/spawned-lagebild.js';

const TOTAL_LIMIT = 12;
const PEER_LIMIT = 5;
const IDLE_SECONDS = 2;
const HANDSHAKE_SECONDS = 1;
/** A refused connection is closed at accept; this is ample on a loaded machine. */
const PROMPTLY_MS = 1_000;

interface Connection {
  socket: net.Socket;
  closed: boolean;
}

/** `count` connections from `from` (any 127.0.0.0/8 address is this host), each recording whether the server closed it. */
async function connect(port: number, from: string, count: number): Promise<Connection[]> {
  return Promise.all(
    Array.from({ length: count }, () => {
      const connection: Connection = { socket: net.connect({ host: '127.0.0.1', port, localAddress: from }), closed: false };
      connection.socket.on('error', () => undefined);
      connection.socket.on('close', () => (connection.closed = true));
      return new Promise<Connection>((resolve) => connection.socket.once('connect', () => resolve(connection)).once('close', () => resolve(connection)));
    }),
  );
}

const closedOf = (connections: Connection[]) => connections.filter((connection) => connection.closed).length;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const line = (text: string) => `<38>1 2026-11-22T10:00:00Z fw1 sshd 42 - - ${text}\n`;

describe('security > syslog connection limits', function () {
  this.timeout(60_000);
  let certs: TestCertificates;
  let lagebild: SpawnedLagebild;
  let tlsPort: number;
  const opened: Connection[] = [];
  let slowestHealthzMs = 0;
  let watching: Promise<void> | undefined;
  let watch = false;

  before(async () => {
    certs = generateTestCertificates();
    tlsPort = await freePort();
    lagebild = await startSpawnedLagebild({
      env: {
        LAGEBILD_SYSLOG_MAX_CONNECTIONS: String(TOTAL_LIMIT),
        LAGEBILD_SYSLOG_MAX_CONNECTIONS_PER_PEER: String(PEER_LIMIT),
        LAGEBILD_SYSLOG_IDLE_TIMEOUT_SECONDS: String(IDLE_SECONDS),
        LAGEBILD_SYSLOG_TLS_HANDSHAKE_TIMEOUT_SECONDS: String(HANDSHAKE_SECONDS),
        LAGEBILD_SYSLOG_TLS_PORT: String(tlsPort),
        LAGEBILD_TLS_CERT_FILE: certs.serverCertFile,
        LAGEBILD_TLS_KEY_FILE: certs.serverKeyFile,
      },
    });
  });

  after(async () => {
    await lagebild?.stop();
    rmSync(certs.dir, { recursive: true, force: true });
  });

  // The API must answer throughout, whatever the syslog side is going through.
  beforeEach(() => {
    watch = true;
    slowestHealthzMs = 0;
    watching = (async () => {
      while (watch) {
        slowestHealthzMs = Math.max(slowestHealthzMs, await lagebild.healthzMs());
        await sleep(50);
      }
    })();
  });

  afterEach(async () => {
    watch = false;
    await watching;
    expect(slowestHealthzMs, 'slowest /healthz').to.be.below(1_000);
    for (const connection of opened.splice(0)) connection.socket.destroy();
    // Their slots are free again before the next test counts.
    await eventually(async () => ((await lagebild.metric('lagebild_collector_connections_open')) === 0 ? true : undefined), 5_000, 'all connections closed');
    await sleep(200);
  });

  const track = async (connections: Promise<Connection[]>) => {
    const list = await connections;
    opened.push(...list);
    return list;
  };
  const refused = (reason: string, transport = 'tcp') => lagebild.metric('lagebild_collector_connections_refused_total', { transport, reason });
  const received = () => lagebild.metric('lagebild_collector_messages_received_total', { transport: 'tcp' });

  it('closes connections beyond the per-peer limit at once; other senders still deliver', async () => {
    const refusedBefore = await refused('peer_limit');
    const flood = await track(connect(lagebild.syslogPort, '127.0.0.2', 60));
    await sleep(PROMPTLY_MS);
    expect(closedOf(flood)).to.equal(60 - PEER_LIMIT);
    expect((await refused('peer_limit')) - refusedBefore).to.equal(60 - PEER_LIMIT);

    const receivedBefore = await received();
    const [sender] = await track(connect(lagebild.syslogPort, '127.0.0.3', 1));
    sender!.socket.write(line('from a well-behaved sender'));
    await eventually(async () => ((await received()) === receivedBefore + 1 ? true : undefined), 5_000, 'the line of the well-behaved sender');
    expect(sender!.closed).to.equal(false);
  });

  it('closes connections beyond the total limit at once; connected senders still deliver', async () => {
    const refusedBefore = await refused('total_limit');
    const admitted = await track(Promise.all(['127.0.0.4', '127.0.0.5', '127.0.0.6'].map((from, index) => connect(lagebild.syslogPort, from, index < 2 ? PEER_LIMIT : TOTAL_LIMIT - 2 * PEER_LIMIT))).then((lists) => lists.flat()));
    await sleep(200);
    const beyond = await track(connect(lagebild.syslogPort, '127.0.0.7', 3));
    await sleep(PROMPTLY_MS);
    expect(closedOf(beyond)).to.equal(3);
    expect(closedOf(admitted)).to.equal(0);
    expect((await refused('total_limit')) - refusedBefore).to.equal(3);

    const receivedBefore = await received();
    admitted[0]!.socket.write(line('from a connected sender'));
    await eventually(async () => ((await received()) === receivedBefore + 1 ? true : undefined), 5_000, 'the line of the connected sender');
  });

  it('closes a connection that stays idle beyond the idle timeout, not one that keeps sending', async () => {
    const closedBefore = await lagebild.metric('lagebild_collector_connections_closed_total', { transport: 'tcp', reason: 'idle' });
    const [idle] = await track(connect(lagebild.syslogPort, '127.0.0.8', 1));
    const [active] = await track(connect(lagebild.syslogPort, '127.0.0.9', 1));
    const started = Date.now();
    while (Date.now() - started < (IDLE_SECONDS + 1.5) * 1000) {
      active!.socket.write(line('still here'));
      await sleep(500);
    }
    expect(idle!.closed).to.equal(true);
    expect(active!.closed).to.equal(false);
    expect((await lagebild.metric('lagebild_collector_connections_closed_total', { transport: 'tcp', reason: 'idle' })) - closedBefore).to.equal(1);
  });

  it('TLS: closes a connection that does not finish its handshake, and limits connections before the handshake', async () => {
    const closedBefore = await lagebild.metric('lagebild_collector_connections_closed_total', { transport: 'tls', reason: 'handshake_timeout' });
    const silent = await track(connect(tlsPort, '127.0.0.10', PEER_LIMIT + 2));
    await sleep(PROMPTLY_MS / 2);
    expect(closedOf(silent)).to.equal(2);
    expect(await refused('peer_limit', 'tls')).to.equal(2);
    await sleep((HANDSHAKE_SECONDS + 1) * 1000);
    expect(closedOf(silent)).to.equal(PEER_LIMIT + 2);
    expect((await lagebild.metric('lagebild_collector_connections_closed_total', { transport: 'tls', reason: 'handshake_timeout' })) - closedBefore).to.equal(PEER_LIMIT);
  });
});
