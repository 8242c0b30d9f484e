import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import type { EcsEvent } from '../../core/domain/ecs.js';
import { generateTestCertificates, type TestCertificates } from '../fixtures/tls/test-certificates.js';
import { startDemoService, type DemoService } from '../support/demo-service.js';
import { eventually } from '../support/eventually.js';

/** The archived events, read straight from the embedded service's SQLite file (the store has no search by content). */
function storedEvents(running: DemoService): EcsEvent[] {
  const db = new Database(path.join(running.dataDir, 'lagebild.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT doc FROM events').all() as { doc: string }[]).map((row) => JSON.parse(row.doc) as EcsEvent);
  } finally {
    db.close();
  }
}

async function eventsMatching(running: DemoService, marker: string, count: number, what: string): Promise<EcsEvent[]> {
  return eventually(async () => {
    const found = storedEvents(running).filter((event) => event.event.original?.includes(marker));
    return found.length >= count ? found : undefined;
  }, 30_000, what);
}

const bySourcePort = (a: EcsEvent, b: EcsEvent) => (a.source?.port ?? 0) - (b.source?.port ?? 0);

describe('integration > collectors > real clients', function () {
  this.timeout(90_000);
  let running: DemoService | undefined;
  let rsyslog: ChildProcess | undefined;
  const scratch: string[] = [];

  afterEach(async () => {
    if (rsyslog && rsyslog.exitCode === null) {
      const exited = new Promise((resolve) => rsyslog!.once('exit', resolve));
      rsyslog.kill('SIGTERM');
      await exited;
    }
    rsyslog = undefined;
    await running?.close();
    running = undefined;
    for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('takes a log file that Debian rsyslog (imfile → omfwd, TCP, octet counting) forwards', async function () {
    running = await startDemoService();
    const work = mkdtempSync(path.join(os.tmpdir(), 'lagebild-rsyslog-'));
    scratch.push(work);
    const logFile = path.join(work, 'auth.log');
    writeFileSync(logFile, '');
    const config = path.join(work, 'rsyslog.conf');
    // A private rsyslog: no system sockets, its own state directory, polling imfile so no inotify is needed.
    writeFileSync(
      config,
      [
        `global(workDirectory="${work}")`,
        'module(load="imfile" mode="polling" PollingInterval="1")',
        `input(type="imfile" File="${logFile}" Tag="sshd[4242]:" Facility="auth" Severity="info" ruleset="forward")`,
        'ruleset(name="forward") {',
        `  action(type="omfwd" target="127.0.0.1" port="${running.service.syslogTcpPort}" protocol="tcp" TCP_Framing="octet-counted" template="RSYSLOG_SyslogProtocol23Format")`,
        '}',
        '',
      ].join('\n'),
    );
    const stderr: string[] = [];
    rsyslog = spawn('rsyslogd', ['-n', '-f', config, '-i', path.join(work, 'rsyslogd.pid')], { stdio: ['ignore', 'pipe', 'pipe'] });
    rsyslog.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    rsyslog.stdout!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    await eventually(async () => (existsSync(path.join(work, 'rsyslogd.pid')) ? true : undefined), 10_000, `rsyslogd to start (${stderr.join('')})`);

    const marker = `rs${Date.now()}`;
    appendFileSync(logFile, `Failed password for invalid user ${marker} from 10.51.7.9 port 50001 ssh2\n`);
    appendFileSync(logFile, `Accepted publickey for ${marker}ok from 198.51.100.23 port 50002 ssh2: ED25519 SHA256:abc\n`);
    appendFileSync(logFile, `Invalid user ${marker}x from 203.0.113.5 port 50003\n`);

    const events = (await eventsMatching(running, marker, 3, `three rsyslog events (rsyslogd said: ${stderr.join('')})`)).sort(bySourcePort);
    expect(events.map((event) => event.event.outcome)).to.deep.equal(['failure', 'success', 'failure']);
    expect(events.map((event) => event.user?.name)).to.deep.equal([marker, `${marker}ok`, `${marker}x`]);
    expect(events.map((event) => event.source?.ip)).to.deep.equal(['10.51.7.9', '198.51.100.23', '203.0.113.5']);
    for (const event of events) {
      expect(event.process?.name).to.equal('sshd');
      expect(event.process?.pid).to.equal(4242);
      expect(event.event.category).to.include('authentication');
      // RSYSLOG_SyslogProtocol23Format is RFC 5424 on the wire and the auth facility survives; a leading
      // "NNN " here would mean the octet-counted stream had been cut at newlines instead.
      expect(event.event.original).to.match(/^<38>1 /);
      expect(event.event.ingested).to.be.a('string');
    }
    // Attribution by address: 10.51.0.0/16 is the demo constituency's Radebeul.
    expect(events[0]!.organization?.id).to.equal('radebeul');
    expect(readFileSync(logFile, 'utf8').split('\n').filter(Boolean)).to.have.length(3);
  });

  describe('syslog over TLS', () => {
    let certs: TestCertificates;
    before(() => {
      certs = generateTestCertificates();
    });

    after(() => rmSync(certs.dir, { recursive: true, force: true }));

    it('starts the TLS listener from LAGEBILD_TLS_* and stores what a TLS client sends, counting bytes and connections on /metrics', async () => {
      running = await startDemoService({ env: { LAGEBILD_SYSLOG_TLS_PORT: '0', LAGEBILD_TLS_CERT_FILE: certs.serverCertFile, LAGEBILD_TLS_KEY_FILE: certs.serverKeyFile } });
      const port = running.service.syslogTlsPort;
      expect(port).to.be.a('number').and.greaterThan(0);
      const marker = `tls${Date.now()}`;
      const lines = [
        `<38>1 2025-03-14T12:00:00Z gw.radebeul.example sshd 811 - - Failed password for invalid user ${marker} from 10.51.2.2 port 40001 ssh2`,
        `<38>1 2025-03-14T12:00:01Z gw.radebeul.example sshd 811 - - Failed password for invalid user ${marker} from 10.51.2.2 port 40002 ssh2`,
      ];
      const socket = await new Promise<tls.TLSSocket>((resolve, reject) => {
        const connection = tls.connect({ host: '127.0.0.1', port: port!, ca: certs.ca, servername: 'localhost' }, () => resolve(connection));
        connection.once('error', reject);
      });
      socket.write(lines.map((line) => `${Buffer.byteLength(line)} ${line}`).join(''));

      const events = (await eventsMatching(running, marker, 2, 'two TLS events')).sort(bySourcePort);
      expect(events.map((event) => event.source?.port)).to.deep.equal([40001, 40002]);
      expect(events.map((event) => event.organization?.id)).to.deep.equal(['radebeul', 'radebeul']);
      const metrics = await fetch(`${running.baseUrl}/metrics`).then((response) => response.text());
      expect(metrics).to.match(/lagebild_collector_messages_received_total\{transport="tls"\} 2/);
      expect(metrics).to.match(/lagebild_collector_connections_open\{transport="tls"\} 1/);
      const bytes = Number(/lagebild_collector_bytes_received_total\{transport="tls"\} (\d+)/.exec(metrics)?.[1]);
      expect(bytes).to.equal(lines.reduce((sum, line) => sum + `${Buffer.byteLength(line)} `.length + Buffer.byteLength(line), 0));
      socket.end();
    });

    it('has no TLS listener without a certificate', async () => {
      running = await startDemoService();
      expect(running.service.syslogTlsPort).to.equal(undefined);
    });

    it('refuses to start with a certificate but no key', async () => {
      const failure = await startDemoService({ env: { LAGEBILD_TLS_CERT_FILE: certs.serverCertFile } }).then(
        (started) => {
          running = started;
          return undefined;
        },
        (error: Error) => error,
      );
      expect(failure?.message).to.include('LAGEBILD_TLS_KEY_FILE');
    });
  });
});
