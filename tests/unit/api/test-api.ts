import type express from 'express';
import { SqliteStore } from '../../../adapters/store/sqlite/sqlite-store.js';
import { createApp } from '../../../api/app.js';
import type { IngestHandler } from '../../../api/ingest-handler.js';
import type { RulesCatalog } from '../../../core/ports/rules-catalog.js';
import { ManualClock } from '../../../core/clock.js';
import { loadConfig } from '../../../core/config.js';
import type { Alert } from '../../../core/domain/alert.js';
import type { EcsEvent } from '../../../core/domain/ecs.js';
import type { Organisation } from '../../../core/domain/organisation.js';
import type { Role, User } from '../../../core/domain/user.js';
import { silentLogger } from '../../../core/logging.js';
import { MetricsRegistry } from '../../../core/metrics.js';
import type { Mailer } from '../../../core/ports/mailer.js';
import type { Store } from '../../../core/ports/stores.js';
import type { TriageStores } from '../../../core/ports/triage-stores.js';
import { issueAccessToken } from '../../../workflows/auth/access-token.js';
import { hashPassword } from '../../../workflows/auth/password-hash.js';
import { startApiClient, type ApiClient } from '../../support/api-client.js';

export const JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';
export const PASSWORD = 'correct horse battery staple';
/** The lowest cost verifyPassword accepts: tests log in often. */
const CHEAP = { N: 2 ** 10, r: 8, p: 1 };

export const ORG_A = 'stadt-a';
export const ORG_B = 'stadt-b';
/** Incidents: one per organisation and a campaign spanning both. */
export const INCIDENT_A = 'incident-a';
export const INCIDENT_B = 'incident-b';
export const INCIDENT_AB = 'incident-ab';

export type TestUserName = 'admin' | 'analyst' | 'officerA' | 'officerB' | 'recipientA';

export interface TestApi {
  app: express.Express;
  client: ApiClient;
  store: Store & TriageStores;
  clock: ManualClock;
  metrics: MetricsRegistry;
  users: Record<TestUserName, User>;
  token(user: TestUserName): string;
  close(): Promise<void>;
}

function organisation(id: string, name: string): Organisation {
  return { id, name, kind: 'municipal', parentId: null, networks: [], domains: [], contacts: [], reportingRegime: 'section17', critical: false };
}

function event(id: string, organizationId: string, sourceIp: string): EcsEvent {
  return { '@timestamp': '2025-03-01T10:00:00.000Z', event: { id, kind: 'event' }, organization: { id: organizationId }, source: { ip: sourceIp }, user: { name: `user-${organizationId}` } };
}

function alert(id: string, organizationId: string, eventIds: string[]): Alert {
  return {
    '@timestamp': '2025-03-01T10:00:00.000Z',
    alert: { id, count: 1 },
    rule: { id: 'ssh-brute-force', title: 'SSH brute force', level: 'high', type: 'sigma' },
    event_ids: eventIds,
    organization: { id: organizationId },
    tags: ['attack.t1110'],
  };
}

export async function startTestApi(options: { rules?: RulesCatalog; ingest?: IngestHandler; uiDir?: string; readiness?: () => Promise<Record<string, boolean>>; parserNames?: readonly string[]; mailer?: Mailer } = {}): Promise<TestApi> {
  const clock = new ManualClock('2025-03-01T12:00:00.000Z');
  const store = new SqliteStore({ path: ':memory:', logger: silentLogger() });
  await store.init();
  await store.organisations.upsert(organisation(ORG_A, 'Stadt A'));
  await store.organisations.upsert(organisation(ORG_B, 'Stadt B'));

  const passwordHash = await hashPassword(PASSWORD, CHEAP);
  const make = (username: string, role: Role, organizationId: string | null): User => ({
    id: `user-${username}`,
    username,
    displayName: username,
    email: `${username}@example.org`,
    role,
    organizationId,
    passwordHash,
    disabled: false,
    createdAt: clock.now().toISOString(),
  });
  const users: Record<TestUserName, User> = {
    admin: make('admin', 'admin', null),
    analyst: make('analyst', 'analyst', null),
    officerA: make('officerA', 'officer', ORG_A),
    officerB: make('officerB', 'officer', ORG_B),
    recipientA: make('recipientA', 'recipient', ORG_A),
  };
  for (const user of Object.values(users)) await store.users.upsert(user);

  await store.events.putMany([event('ev-a', ORG_A, '203.0.113.1'), event('ev-b', ORG_B, '203.0.113.2'), event('ev-ab-a', ORG_A, '198.51.100.7'), event('ev-ab-b', ORG_B, '198.51.100.7')]);
  const alerts = [alert('al-a', ORG_A, ['ev-a']), alert('al-b', ORG_B, ['ev-b']), alert('al-ab-a', ORG_A, ['ev-ab-a']), alert('al-ab-b', ORG_B, ['ev-ab-b'])];
  await store.alerts.putMany(alerts);
  const placement: Record<string, string> = { 'al-a': INCIDENT_A, 'al-b': INCIDENT_B, 'al-ab-a': INCIDENT_AB, 'al-ab-b': INCIDENT_AB };
  for (const item of alerts) {
    const incidentId = placement[item.alert.id]!;
    await store.incidents.recordAlert({
      incidentId,
      title: `${incidentId} brute force`,
      organizationId: item.organization.id,
      ruleId: item.rule.id,
      ruleTitle: item.rule.title,
      entity: incidentId === INCIDENT_AB ? 'source.ip=198.51.100.7' : `source.ip=${item.alert.id}`,
      severity: 'high',
      alertId: item.alert.id,
      eventCount: 1,
      at: item['@timestamp'],
      tags: item.tags,
      now: clock.now().toISOString(),
    });
  }

  const metrics = new MetricsRegistry();
  const app = createApp({
    config: loadConfig({ LAGEBILD_JWT_SECRET: JWT_SECRET, LAGEBILD_LOG_LEVEL: 'silent' }),
    store,
    clock,
    logger: silentLogger(),
    metrics,
    readiness: options.readiness ?? (async () => ({ store: await store.ping() })),
    ...(options.rules ? { rules: options.rules } : {}),
    ...(options.ingest ? { ingest: options.ingest } : {}),
    ...(options.uiDir ? { uiDir: options.uiDir } : {}),
    ...(options.parserNames ? { parserNames: options.parserNames } : {}),
    ...(options.mailer ? { mailer: options.mailer } : {}),
  });
  const client = await startApiClient(app);
  return {
    app,
    client,
    store,
    clock,
    metrics,
    users,
    token: (name) => issueAccessToken(users[name], { secret: JWT_SECRET, ttlSeconds: 900 }, clock.now()).token,
    async close() {
      await client.close();
      await store.close();
    },
  };
}
