import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import tls from 'node:tls';
import { expect } from 'chai';
import { ConnectionLimiter } from '../../../../collectors/transports/connection-limiter.js';
import { TlsTransport } from '../../../../collectors/transports/tls-transport.js';
import { transportMetrics } from '../../../../collectors/transports/transport-metrics.js';
import { silentLogger } from '../../../../core/logging.js';
import { MetricsRegistry } from '../../../../core/metrics.js';
import { generateTestCertificates, type TestCertificates } from '../../../fixtures/tls/test-certificates.js';
import { RecordingSink } from './recording-sink.js';

/** RFC 6587 §3.4.1 / RFC 5425 §4.3 frame: `MSG-LEN SP SYSLOG-MSG`, length in octets. */
function frame(message: string): string {
  return `${Buffer.byteLength(message)} ${message}`;
}

function connect(port: number, options: tls.ConnectionOptions): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', ...options }, () => resolve(socket));
    socket.once('error', reject);
  });
}

const LINE_1 = '<38>1 2024-05-01T10:00:00Z fw1 sshd 4242 - - Failed password for invalid user admin from 10.51.3.4 port 4711 ssh2';
const LINE_2 = '<86>1 2024-05-01T10:00:01Z fw1 sudo - - - alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/ls – ä';

describe('collectors > transports > tls-transport', function () {
  this.timeout(20_000);
  let certs: TestCertificates;
  let transport: TlsTransport | undefined;

  before(() => {
    certs = generateTestCertificates();
  });

  after(() => rmSync(certs.dir, { recursive: true, force: true }));

  afterEach(async () => {
    await transport?.close();
    transport = undefined;
  });

  async function start(sink: RecordingSink, extra: { ca?: Buffer; metrics?: MetricsRegistry } = {}): Promise<number> {
    const counted = transportMetrics(extra.metrics ?? new MetricsRegistry());
    transport = new TlsTransport(sink, {
      host: '127.0.0.1',
      port: 0,
      maxMessageBytes: 64 * 1024,
      logger: silentLogger(),
      connections: new ConnectionLimiter({ maxConnections: 10, maxConnectionsPerPeer: 10 }, counted, silentLogger()),
      idleTimeoutMs: 60_000,
      handshakeTimeoutMs: 10_000,
      cert: certs.serverCert,
      key: certs.serverKey,
      ...(extra.ca ? { ca: extra.ca } : {}),
      metrics: counted,
    });
    return transport.listen();
  }

  it('decrypts octet-counted frames, also split across TLS records, and labels them tls', async () => {
    const sink = new RecordingSink();
    const metrics = new MetricsRegistry();
    const port = await start(sink, { metrics });
    const socket = await connect(port, { ca: certs.ca });
    const stream = frame(LINE_1) + frame(LINE_2);
    const cut = stream.length - 20;
    socket.write(stream.slice(0, cut));
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.end(stream.slice(cut));
    await sink.waitForAccepted(2);
    expect(sink.accepted.map((entry) => entry.message)).to.deep.equal([LINE_1, LINE_2]);
    expect(sink.accepted[0]!.meta).to.deep.equal({ transport: 'tls', peerAddress: '127.0.0.1' });
    expect(sink.rejected).to.have.length(0);
    expect(metrics.render()).to.include(`lagebild_collector_bytes_received_total{transport="tls"} ${Buffer.byteLength(stream)}`);
  });

  it('accepts newline framing on the TLS port too (detected per connection)', async () => {
    const sink = new RecordingSink();
    const port = await start(sink);
    const socket = await connect(port, { ca: certs.ca });
    socket.end(`${LINE_1}\n${LINE_2}\n`);
    await sink.waitForAccepted(2);
    expect(sink.accepted.map((entry) => entry.message)).to.deep.equal([LINE_1, LINE_2]);
  });

  it('with a CA configured, refuses senders without a client certificate and takes those with one', async () => {
    const sink = new RecordingSink();
    const port = await start(sink, { ca: certs.ca });
    const anonymous = await connect(port, { ca: certs.ca }).then(
      (socket) =>
        // TLS 1.3 reports the missing certificate after the handshake, as an alert on the socket.
        new Promise<string>((resolve) => {
          socket.on('error', (error) => resolve(error.message));
          socket.on('close', () => resolve('closed'));
          socket.write(frame(LINE_1));
        }),
      (error: Error) => error.message,
    );
    expect(anonymous).to.match(/certificate|closed|ECONNRESET|alert/i);

    const socket = await connect(port, { ca: certs.ca, cert: certs.clientCert, key: certs.clientKey });
    socket.end(frame(LINE_2));
    await sink.waitForAccepted(1);
    expect(sink.accepted.map((entry) => entry.message)).to.deep.equal([LINE_2]);
  });

  it('takes a frame from openssl s_client as a real TLS client', async () => {
    const sink = new RecordingSink();
    const port = await start(sink);
    const client = spawn('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-CAfile', certs.caFile, '-verify_return_error', '-nocommands'], { stdio: ['pipe', 'ignore', 'ignore'] });
    try {
      client.stdin.end(frame(LINE_1));
      await sink.waitForAccepted(1);
      expect(sink.accepted[0]).to.deep.equal({ message: LINE_1, meta: { transport: 'tls', peerAddress: '127.0.0.1' } });
    } finally {
      client.kill();
    }
  });
});
