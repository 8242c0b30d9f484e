import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { eventually } from '../support/eventually.js';
import { ingest, PROBE_RULE, probeEvent, probeEventsByOrganisation } from '../support/probe-events.js';
import { startSpawnedLagebild, type SpawnedLagebild } from '../support/spawned-lagebild.js';
import { ELASTICSEARCH_URL, requireService } from '../support/services.js';

const STALL_SECONDS = 2;
const GRACE_SECONDS = 4;

async function elasticsearch(method: string, route: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(ELASTICSEARCH_URL + route, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function readiness(service: SpawnedLagebild): Promise<{ status: number; checks: Record<string, boolean> }> {
  const response = await fetch(`${service.baseUrl}/readyz`);
  return { status: response.status, checks: ((await response.json()) as { checks: Record<string, boolean> }).checks };
}

/** The events of these ids that the store holds. */
async function storedEvents(prefix: string, ids: string[]): Promise<number> {
  await elasticsearch('POST', `/${prefix}-events-*/_refresh`);
  const found = await elasticsearch('POST', `/${prefix}-events-*/_count`, { query: { ids: { values: ids } } });
  return found.body.count as number;
}

/**
 * Against a real Elasticsearch: the store refusing one event's content, and the store refusing
 * every write, as a sender or an operator's cluster can make it do.
 */
describe('security > a store that refuses writes, against a running service', function () {
  this.timeout(180_000);
  const prefix = `lagebild-sec-${randomBytes(4).toString('hex')}`;
  let service: SpawnedLagebild;
  let token: string;
  let analyst: string;

  before(async function () {
    await requireService(this, 'elasticsearch');
    service = await startSpawnedLagebild({
      roles: 'api,collectors,detectors',
      logName: 'store-refusals',
      rules: { 'probe.yml': PROBE_RULE },
      env: { LAGEBILD_STORE: 'elasticsearch', ELASTICSEARCH_URL, LAGEBILD_ES_INDEX_PREFIX: prefix, LAGEBILD_READINESS_STALL_SECONDS: String(STALL_SECONDS), LAGEBILD_SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS) },
    });
    token = await service.sourceToken('moritzburg', 'json');
    analyst = await service.login('analyst');
  });

  after(async () => {
    await elasticsearch('PUT', `/${prefix}-events-*/_settings`, { 'index.blocks.write': false }).catch(() => undefined);
    await service?.stop();
    await elasticsearch('DELETE', `/${prefix}-*`).catch(() => undefined);
  });

  it('dead-letters the one event whose content the store refuses and stores its batch neighbours', async () => {
    const before = await service.metric('lagebild_dead_letters_total', { stage: 'archive' });
    // An object where the event mapping has an ip field: Elasticsearch refuses this document alone (malformed values it ignores).
    const records = Array.from({ length: 30 }, (_, i) => JSON.stringify(probeEvent(`store-${i}`, i === 17 ? { source: { ip: { forged: 'object' } } } : {})));
    expect((await ingest(service, token, records)).status).to.equal(202);
    const ids = await eventually(async () => {
      const events = (await probeEventsByOrganisation(service, analyst)).get('moritzburg');
      return events?.size === 30 ? [...events] : undefined;
    }, 30_000, 'all 30 probe events detected');
    await eventually(async () => ((await service.metric('lagebild_dead_letters_total', { stage: 'archive' })) - before === 1 ? true : undefined), 30_000, 'one archive dead letter');
    await eventually(async () => ((await storedEvents(prefix, ids)) === 29 ? true : undefined), 15_000, '29 events stored');
  });

  it('is not ready while the store refuses every write, ready again once it takes them, and stops within its grace period meanwhile', async () => {
    expect((await readiness(service)).status).to.equal(200);
    const blocked = await elasticsearch('PUT', `/${prefix}-events-*/_settings`, { 'index.blocks.write': true });
    expect(blocked.status, JSON.stringify(blocked.body)).to.equal(200);
    expect((await ingest(service, token, [JSON.stringify(probeEvent('while-blocked'))])).status).to.equal(202);

    const stalled = await eventually(async () => {
      const ready = await readiness(service);
      return ready.status === 503 ? ready : undefined;
    }, 30_000, '/readyz 503 while the archive cannot write');
    expect(stalled.checks).to.include({ 'consumer:lagebild-archive': false, store: true });
    const healthStarted = Date.now();
    expect((await fetch(`${service.baseUrl}/healthz`)).status).to.equal(200);
    expect(Date.now() - healthStarted).to.be.below(1000);

    await elasticsearch('PUT', `/${prefix}-events-*/_settings`, { 'index.blocks.write': false });
    await eventually(async () => ((await readiness(service)).status === 200 ? true : undefined), 40_000, '/readyz 200 after the store takes writes again');

    // Stuck again, then told to stop: the process must not hang on the write it cannot finish.
    await elasticsearch('PUT', `/${prefix}-events-*/_settings`, { 'index.blocks.write': true });
    expect((await ingest(service, token, [JSON.stringify(probeEvent('at-shutdown'))])).status).to.equal(202);
    await eventually(async () => ((await readiness(service)).status === 503 ? true : undefined), 30_000, 'stuck again');
    const stopping = Date.now();
    await service.process.kill('SIGTERM');
    expect(Date.now() - stopping).to.be.below((GRACE_SECONDS + 3) * 1000);
  });
});
