import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Alert } from '../../core/domain/alert.js';
import type { User } from '../../core/domain/user.js';
import { systemClock } from '../../core/clock.js';
import { loadConfig } from '../../core/config.js';
import { ALL } from '../../core/domain/scope.js';
import { silentLogger } from '../../core/logging.js';
import { MetricsRegistry } from '../../core/metrics.js';
import { ElasticsearchStore } from '../../adapters/store/elasticsearch/elasticsearch-store.js';
import { createApp } from '../../api/app.js';
import { issueAccessToken } from '../../workflows/auth/access-token.js';
import { percentiles } from '../percentiles.js';
import { progress } from '../progress.js';
import { writeResult } from '../write-result.js';

const SUITE = 'api';
const INCIDENTS = 100_000;
const ALERTS = 1_000_000;
const PREFIX = 'bench-api';

/**
 * Incident list and search latency at 100,000 incidents and 1,000,000 alerts in Elasticsearch. Data
 * is loaded once through the store adapter under a fixed prefix and reused by later runs. Queries go
 * over HTTP to the real express app (createApp) as an analyst with a bearer token, one at a time,
 * 200 per query kind after 10 warm-up requests.
 */
export async function runApi(): Promise<void> {
  const store = new ElasticsearchStore({ url: process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200', indexPrefix: PREFIX, logger: silentLogger() });
  await store.init();
  try {
    const loaded = await store.incidents.list({ limit: 1 }, ALL);
    if (loaded.total < INCIDENTS) await load(store, loaded.total);
    const secret = randomBytes(32).toString('hex');
    const analyst: User = { id: 'bench-analyst', username: 'bench-analyst', displayName: 'Bench analyst', email: 'bench@example.org', role: 'analyst', organizationId: null, passwordHash: 'unused', disabled: false, createdAt: new Date().toISOString() };
    await store.users.upsert(analyst);
    const app = createApp({ config: loadConfig({ LAGEBILD_JWT_SECRET: secret, LAGEBILD_LOG_LEVEL: 'silent' }), store, clock: systemClock, logger: silentLogger(), metrics: new MetricsRegistry(), readiness: async () => ({ store: await store.ping() }) });
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const token = issueAccessToken(analyst, { secret, ttlSeconds: 3600 }, new Date()).token;
    const organisation = (): string => `gemeinde-${String(1 + Math.floor(Math.random() * 450)).padStart(3, '0')}`;
    const queries: Record<string, () => string> = {
      'GET /incidents (newest first, 50)': () => '/api/v1/incidents?limit=50',
      'GET /incidents?organization&status=new': () => `/api/v1/incidents?organization=${organisation()}&status=new&limit=50`,
      'GET /incidents?q= (full-text search)': () => `/api/v1/incidents?q=host-${Math.floor(Math.random() * 5000)}&limit=50`,
      'GET /alerts?organization': () => `/api/v1/alerts?organization=${organisation()}&limit=50`,
    };
    const results: Record<string, Record<string, number>> = {};
    try {
      for (const [name, url] of Object.entries(queries)) {
        const get = async (): Promise<void> => {
          const response = await fetch(`${base}${url()}`, { headers: { authorization: `Bearer ${token}` } });
          if (response.status !== 200) throw new Error(`${name}: HTTP ${response.status} ${await response.text()}`);
          await response.arrayBuffer();
        };
        for (let i = 0; i < 10; i++) await get();
        const times: number[] = [];
        for (let i = 0; i < 200; i++) {
          const started = process.hrtime.bigint();
          await get();
          times.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
        results[name] = percentiles(times, [50, 95, 99]);
        progress(SUITE, `${name}: ${JSON.stringify(results[name])}`);
      }
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    writeResult(SUITE, { store: 'elasticsearch', incidents: INCIDENTS, alerts: ALERTS, indexPrefix: PREFIX, via: 'HTTP, createApp from api/app.ts, analyst bearer token', queries: results, target: { p95Ms: 150 } });
  } finally {
    await store.close();
  }
}

async function load(store: ElasticsearchStore, existing: number): Promise<void> {
  progress(SUITE, `loading ${ALERTS} alerts and ${INCIDENTS} incidents (found ${existing} incidents)`);
  const base = Date.UTC(2025, 2, 1);
  const batch: Alert[] = [];
  const pending: Promise<void>[] = [];
  for (let i = 0; i < ALERTS; i++) {
    const incident = i % INCIDENTS;
    const org = `gemeinde-${String(1 + (incident % 450)).padStart(3, '0')}`;
    const time = new Date(base + i * 2000).toISOString();
    batch.push({ '@timestamp': time, alert: { id: `a${i}`, count: 1 }, rule: { id: `rule-${incident % 40}`, title: `Bench rule ${incident % 40}`, level: 'medium', type: 'sigma' }, event_ids: [`e${i}`], organization: { id: org }, tags: ['attack.t1110'], group: { 'host.name': `host-${incident % 5000}` } });
    if (batch.length === 5000) {
      await store.alerts.putMany(batch.splice(0));
      if (i % 100_000 === 4999) progress(SUITE, `alerts ${i + 1}`);
    }
    if (i < INCIDENTS && i >= existing) {
      pending.push(store.incidents.recordAlert({ incidentId: `bench-incident-${incident}`, title: `Bench rule ${incident % 40} – host-${incident % 5000}`, organizationId: org, ruleId: `rule-${incident % 40}`, ruleTitle: `Bench rule ${incident % 40}`, entity: `host.name=host-${incident % 5000}`, severity: 'medium', alertId: `a${i}`, eventCount: 1, at: time, tags: ['attack.t1110'], now: time }));
      if (pending.length >= 64) await Promise.all(pending.splice(0));
    }
  }
  await Promise.all(pending);
  if (batch.length > 0) await store.alerts.putMany(batch);
}
