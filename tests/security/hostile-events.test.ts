import { expect } from 'chai';
import dgram from 'node:dgram';
import net from 'node:net';
import { eventually } from '../support/eventually.js';
import { ingest, PROBE_RULE, probeEvent, probeEventsByOrganisation } from '../support/probe-events.js';
import { startSpawnedLagebild, type SpawnedLagebild } from '../support/spawned-lagebild.js';

/** An address in Radebeul's network (demo constituency). */
const RADEBEUL_HOST = '10.51.0.20';

async function sendUdp(port: number, lines: string[]): Promise<void> {
  const socket = dgram.createSocket('udp4');
  for (const line of lines) await new Promise<void>((resolve, reject) => socket.send(Buffer.from(line), port, '127.0.0.1', (error) => (error ? reject(error) : resolve())));
  socket.close();
}

async function sendTcp(port: number, lines: string[]): Promise<void> {
  const socket = net.connect({ port, host: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  await new Promise<void>((resolve) => socket.end(lines.map((line) => `${line}\n`).join(''), resolve));
}

async function alive(service: SpawnedLagebild): Promise<void> {
  const started = Date.now();
  const response = await fetch(`${service.baseUrl}/healthz`);
  expect(response.status).to.equal(200);
  expect(Date.now() - started).to.be.below(1000);
}

/** JSON lines past each documented limit (docs/collectors.md): nesting, dotted keys, key length, key count. */
function overLimitLines(): string[] {
  const deepObject = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
  const deepArray = `{"a":${'['.repeat(8000)}${']'.repeat(8000)}}`;
  const dots = JSON.stringify({ [`${'.'.repeat(3000)}x`]: 1, labels: { probe: 'hostile-input' } });
  const manyKeys = JSON.stringify(Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`k${i}`, i])));
  return [deepObject, deepArray, dots, manyKeys];
}

describe('security > hostile events against a running service', function () {
  this.timeout(120_000);
  let service: SpawnedLagebild;
  let analyst: string;

  before(async () => {
    service = await startSpawnedLagebild({ roles: 'api,collectors,detectors', logName: 'hostile-events', rules: { 'probe.yml': PROBE_RULE } });
    analyst = await service.login('analyst');
  });

  after(async () => {
    await service?.stop();
  });

  it('dead-letters each JSON event beyond a limit on UDP, TCP and HTTP ingest, with a reason, and keeps detecting', async () => {
    const lines = overLimitLines();
    const token = await service.sourceToken('radebeul', 'json');
    const before = { udp: await service.metric('lagebild_dead_letters_total', { stage: 'parse', transport: 'udp' }), tcp: await service.metric('lagebild_dead_letters_total', { stage: 'parse', transport: 'tcp' }), http: await service.metric('lagebild_dead_letters_total', { stage: 'parse', transport: 'http' }) };

    await sendUdp(service.syslogPort, lines);
    await sendTcp(service.syslogPort, lines);
    const refused = await ingest(service, token, lines);
    expect(refused.status, refused.text).to.equal(202);
    expect(JSON.parse(refused.text)).to.deep.equal({ accepted: 4, rejected: 0 });

    for (const transport of ['udp', 'tcp', 'http'] as const) {
      await eventually(async () => ((await service.metric('lagebild_dead_letters_total', { stage: 'parse', transport })) - before[transport] === lines.length ? true : undefined), 15_000, `${lines.length} dead letters from ${transport}`);
    }
    await alive(service);

    // The service still takes and detects good events on every transport afterwards.
    await sendUdp(service.syslogPort, [JSON.stringify(probeEvent('after-udp', { source: { ip: RADEBEUL_HOST } }))]);
    await sendTcp(service.syslogPort, [JSON.stringify(probeEvent('after-tcp', { source: { ip: RADEBEUL_HOST } }))]);
    expect((await ingest(service, token, [JSON.stringify(probeEvent('after-http'))])).status).to.equal(202);
    let seen = new Map<string | null, Set<string>>();
    await eventually(async () => {
      seen = await probeEventsByOrganisation(service, analyst);
      return seen.get('radebeul')?.size === 3 ? true : undefined;
    }, 20_000, 'three probe events of Radebeul detected').catch((error: Error) => {
      throw new Error(`${error.message}; seen ${JSON.stringify([...seen].map(([org, ids]) => [org, ids.size]))}`);
    });
    expect(service.process.tail(200)).to.not.match(/Maximum call stack|RangeError/);
  });

  it('decides organisation, event id and ingest time itself: forged owned fields neither misattribute, overwrite nor stop detection', async () => {
    const moritzburg = await service.sourceToken('moritzburg', 'json');
    const grossenhain = await service.sourceToken('grossenhain', 'json');
    const deadLettersBefore = await service.metric('lagebild_dead_letters_total');
    const forged: Record<string, unknown>[] = [
      { organization: { id: 'radebeul' } },
      { organization: { id: ['radebeul', 'lk-meissen'] } },
      { organization: { id: { $ne: null } } },
      { organization: 'radebeul' },
      { 'organization.id': 42 },
      { event: { id: { forged: true } } },
      { event: { id: ['a', 'b'], ingested: { at: 'never' } } },
      { event: { id: 'shared-sender-id', ingested: 'yesterday' } },
    ];
    const records: string[] = [];
    for (let i = 0; i < 100; i += 1) {
      const hostile = i % 12 === 0 ? forged[i / 12] : undefined;
      records.push(JSON.stringify(probeEvent(`owned-${i}`, hostile)));
    }
    expect(records.filter((record) => record.includes('organization') || record.includes('"event"'))).to.have.length(forged.length);
    expect((await ingest(service, moritzburg, records)).status).to.equal(202);
    // Another organisation's source sends the same event id: both events must survive.
    expect((await ingest(service, grossenhain, [JSON.stringify(probeEvent('same-id-other-org', { event: { id: 'shared-sender-id' } }))])).status).to.equal(202);
    // A syslog sender outside every network names an organisation: it stays unattributed.
    await sendUdp(service.syslogPort, [JSON.stringify(probeEvent('claims-radebeul', { organization: { id: 'radebeul', name: 'Radebeul' } }))]);

    const events = await eventually(async () => {
      const byOrganisation = await probeEventsByOrganisation(service, analyst);
      return byOrganisation.get('moritzburg')?.size === 100 && byOrganisation.get('grossenhain')?.size === 1 && byOrganisation.get(null)?.size === 1 ? byOrganisation : undefined;
    }, 30_000, 'every probe event detected under the organisation the collector decided');
    const moritzburgIds = [...events.get('moritzburg')!];
    expect(moritzburgIds).to.not.include('shared-sender-id');
    expect(moritzburgIds).to.not.include([...events.get('grossenhain')!][0]);
    expect(await service.metric('lagebild_dead_letters_total')).to.equal(deadLettersBefore);
    await alive(service);
  });
});
