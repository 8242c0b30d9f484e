import { expect } from 'chai';
import { MemoryBus } from '../../../adapters/bus/memory/memory-bus.js';
import { CollectorPipeline } from '../../../collectors/collector-pipeline.js';
import { HttpIngest } from '../../../collectors/transports/http-ingest.js';
import { systemClock } from '../../../core/clock.js';
import { silentLogger } from '../../../core/logging.js';
import { MetricsRegistry } from '../../../core/metrics.js';
import { TOPICS, type Subscription } from '../../../core/ports/bus.js';
import { ORG_A, startTestApi, type TestApi } from './test-api.js';

const TOKEN = 'source-token-a';
const HIGH_WATERMARK = 200;

function records(count: number, from = 0): string {
  return Array.from({ length: count }, (_, index) => `{"message":"<38>1 2025-03-01T10:00:00Z host sshd 1 - - Failed password for root from 10.0.0.${(from + index) % 250} port 22 ssh2"}\n`).join('');
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('api > ingest > full bus', function () {
  this.timeout(30_000);
  let api: TestApi;
  let bus: MemoryBus;
  let pipeline: CollectorPipeline;
  let consumer: Subscription;
  let release: () => void;
  let consumed: number;

  beforeEach(async () => {
    bus = new MemoryBus({ partitions: 2, maxBytes: 64 * 1024, logger: silentLogger() });
    pipeline = new CollectorPipeline({ bus, clock: systemClock, logger: silentLogger(), metrics: new MetricsRegistry(), organisations: [], maxBatch: 50, flushIntervalMs: 5, highWatermark: HIGH_WATERMARK });
    const held = new Promise<void>((resolve) => (release = resolve));
    consumed = 0;
    consumer = await bus.subscribe({ topic: TOPICS.events, group: 'slow', handler: async (messages) => {
      await held;
      consumed += messages.length;
    } });
    api = await startTestApi({ ingest: new HttpIngest(pipeline, async (token) => (token === TOKEN ? { organizationId: ORG_A } : undefined)) });
  });

  afterEach(async () => {
    release();
    await api.close();
    await consumer.stop();
    await pipeline.close();
    await bus.close();
  });

  it('answers 503 ingest_busy as problem+json with Retry-After while the bus is full, and takes the retry once it drained', async () => {
    // Enough to fill the bus's bound and then the pipeline's queue behind it.
    const first = await api.client.request('POST', '/api/v1/ingest', { token: TOKEN, rawBody: records(1_000), headers: { 'content-type': 'application/x-ndjson' } });
    expect(first.status).to.equal(202);
    await until(() => pipeline.saturated);
    expect(bus.backlogBytes(TOPICS.events)).to.be.at.most(64 * 1024);

    const refused = await api.client.request('POST', '/api/v1/ingest', { token: TOKEN, rawBody: records(10, 1_000), headers: { 'content-type': 'application/x-ndjson' } });
    expect(refused.status).to.equal(503);
    expect(refused.headers.get('content-type')).to.include('application/problem+json');
    expect(refused.headers.get('retry-after')).to.match(/^[1-9]\d*$/);
    expect(refused.body).to.include({ code: 'ingest_busy', status: 503, type: 'urn:lagebild:problem:ingest_busy', retryAfterSeconds: Number(refused.headers.get('retry-after')) });

    release();
    await until(() => !pipeline.saturated);
    const retried = await api.client.request('POST', '/api/v1/ingest', { token: TOKEN, rawBody: records(10, 1_000), headers: { 'content-type': 'application/x-ndjson' } });
    expect(retried.status).to.equal(202);
    await until(() => consumed === 1_010);
  });
});
