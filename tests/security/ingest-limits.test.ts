import { expect } from 'chai';
import { eventually } from '../support/eventually.js';
import { startSpawnedLagebild, type SpawnedLagebild } from '../support/spawned-lagebild.js';

const HEALTHZ_LIMIT_MS = 1_000;

function tinyRecords(count: number): string {
  return Array.from({ length: count }, (_, index) => `{"message":"r${index}"}\n`).join('');
}

describe('security > HTTP ingest record limit', function () {
  this.timeout(90_000);
  let lagebild: SpawnedLagebild;
  let token: string;

  before(async () => {
    lagebild = await startSpawnedLagebild();
    token = await lagebild.sourceToken();
  });

  after(async () => {
    await lagebild?.stop();
  });

  /** Posts `body` while /healthz is asked again and again; returns the answer and the slowest health check. */
  async function ingestWhileWatchingHealth(body: string): Promise<{ status: number; contentType: string; answer: Record<string, unknown>; slowestHealthzMs: number }> {
    let done = false;
    let slowestHealthzMs = 0;
    const watcher = (async () => {
      while (!done) {
        slowestHealthzMs = Math.max(slowestHealthzMs, await lagebild.healthzMs());
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    try {
      const response = await fetch(`${lagebild.baseUrl}/api/v1/ingest`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' }, body });
      return { status: response.status, contentType: response.headers.get('content-type') ?? '', answer: (await response.json()) as Record<string, unknown>, slowestHealthzMs };
    } finally {
      done = true;
      await watcher;
    }
  }

  const http = async () => ({
    received: await lagebild.metric('lagebild_collector_messages_received_total', { transport: 'http' }),
    deadLetters: await lagebild.metric('lagebild_dead_letters_total', { transport: 'http' }),
  });

  it('refuses 60,000 records in one request whole with 413 too_many_records, and stays responsive', async () => {
    const before = await http();
    const result = await ingestWhileWatchingHealth(tinyRecords(60_000));
    expect(result.status).to.equal(413);
    expect(result.contentType).to.include('application/problem+json');
    expect(result.answer).to.include({ code: 'too_many_records', maxRecords: 50_000 });
    expect(result.slowestHealthzMs).to.be.below(HEALTHZ_LIMIT_MS);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await http()).to.deep.equal(before);
  });

  it('refuses a 9 MB body of ~590,000 tiny records without reading it all, and stays responsive', async () => {
    const before = await http();
    const body = Array.from({ length: 590_000 }, (_, index) => `{"log":"${index}"}\n`).join('');
    expect(body.length).to.be.within(9_000_000, 10 * 1024 * 1024);
    const result = await ingestWhileWatchingHealth(body);
    expect(result.status).to.equal(413);
    expect(result.answer).to.include({ code: 'too_many_records' });
    expect(result.slowestHealthzMs).to.be.below(HEALTHZ_LIMIT_MS);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await http()).to.deep.equal(before);
  });

  it('accepts 50,000 records in one request, all of them, and stays responsive', async () => {
    const before = await http();
    const result = await ingestWhileWatchingHealth(tinyRecords(50_000));
    expect(result.status).to.equal(202);
    expect(result.answer).to.deep.equal({ accepted: 50_000, rejected: 0 });
    expect(result.slowestHealthzMs).to.be.below(HEALTHZ_LIMIT_MS);
    await eventually(async () => ((await http()).received - before.received === 50_000 ? true : undefined), 10_000, '50,000 records received');
  });
});
