import { expect } from 'chai';
import { SmtpMailer } from '../../adapters/mail/smtp-mailer.js';
import { SqliteStore } from '../../adapters/store/sqlite/sqlite-store.js';
import { createApp } from '../../api/app.js';
import { ManualClock } from '../../core/clock.js';
import { loadConfig } from '../../core/config.js';
import type { Organisation } from '../../core/domain/organisation.js';
import type { Role, User } from '../../core/domain/user.js';
import { silentLogger } from '../../core/logging.js';
import { MetricsRegistry } from '../../core/metrics.js';
import { issueAccessToken } from '../../workflows/auth/access-token.js';
import { escalateUnacknowledgedWarnings } from '../../workflows/jobs/escalate-warnings.js';
import { csafProblems } from '../../workflows/warnings/csaf/validate-csaf.js';
import { startApiClient, type ApiClient } from '../support/api-client.js';
import { startSmtpCatcher, type SmtpCatcher } from '../support/smtp-catcher.js';

const JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

function org(id: string, kind: Organisation['kind'], parentId: string | null, domain: string): Organisation {
  return {
    id,
    name: `Name ${id}`,
    kind,
    parentId,
    networks: [],
    domains: [domain],
    contacts: [
      { role: 'isb', name: `ISB ${id}`, email: `isb@${domain}` },
      { role: 'isb_deputy', name: `Vertretung ${id}`, email: `deputy@${domain}` },
    ],
    reportingRegime: kind === 'state' ? 'section16' : 'section17',
    critical: false,
  };
}

/** A county with municipalities two levels deep, another county, and a state body. */
const REGISTRY = [
  org('sax-cert', 'cert', null, 'cert.example'),
  org('smi', 'state', null, 'smi.example'),
  org('lk-meissen', 'municipal', null, 'kreis-meissen.example'),
  org('radebeul', 'municipal', 'lk-meissen', 'radebeul.example'),
  org('moritzburg', 'municipal', 'lk-meissen', 'moritzburg.example'),
  org('radebeul-ortsteil', 'municipal', 'radebeul', 'ortsteil.example'),
  org('lk-bautzen', 'municipal', null, 'kreis-bautzen.example'),
  org('bautzen', 'municipal', 'lk-bautzen', 'bautzen.example'),
];

type Name = 'analyst' | 'analyst2' | 'officerRadebeul' | 'recipientRadebeul' | 'recipientRadebeul2' | 'recipientBautzen' | 'recipientMoritzburg';

describe('integration > warnings > publish, deliver, acknowledge, escalate', function () {
  this.timeout(30_000);
  let smtp: SmtpCatcher;
  let mailer: SmtpMailer;
  let store: SqliteStore;
  let clock: ManualClock;
  let client: ApiClient;
  let users: Record<Name, User>;
  const token = (name: Name) => issueAccessToken(users[name], { secret: JWT_SECRET, ttlSeconds: 3600 }, clock.now()).token;

  before(async () => {
    smtp = await startSmtpCatcher();
    mailer = new SmtpMailer({ url: `smtp://127.0.0.1:${smtp.port}`, from: 'SAX.CERT <cert@cert.example>' });

    clock = new ManualClock('2025-03-01T12:00:00.000Z');
    store = new SqliteStore({ path: ':memory:', logger: silentLogger() });
    for (const organisation of REGISTRY) await store.organisations.upsert(organisation);
    const make = (username: Name, role: Role, organizationId: string | null): User => ({
      id: `user-${username}`,
      username,
      displayName: username,
      email: `${username.toLowerCase()}@people.example`,
      role,
      organizationId,
      passwordHash: 'unused',
      disabled: false,
      createdAt: clock.now().toISOString(),
    });
    users = {
      analyst: make('analyst', 'analyst', null),
      analyst2: make('analyst2', 'analyst', null),
      officerRadebeul: make('officerRadebeul', 'officer', 'radebeul'),
      recipientRadebeul: make('recipientRadebeul', 'recipient', 'radebeul'),
      recipientRadebeul2: make('recipientRadebeul2', 'recipient', 'radebeul'),
      recipientBautzen: make('recipientBautzen', 'recipient', 'bautzen'),
      recipientMoritzburg: make('recipientMoritzburg', 'recipient', 'moritzburg'),
    };
    for (const user of Object.values(users)) await store.users.upsert(user);

    const app = createApp({
      config: loadConfig({ LAGEBILD_JWT_SECRET: JWT_SECRET, LAGEBILD_LOG_LEVEL: 'silent', LAGEBILD_PUBLIC_URL: 'https://lagebild.example' }),
      store,
      mailer,
      clock,
      logger: silentLogger(),
      metrics: new MetricsRegistry(),
      readiness: async () => ({ store: true }),
    });
    client = await startApiClient(app);
  });

  after(async () => {
    await client.close();
    await mailer.close();
    await store.close();
    await smtp.close();
  });

  const draft = (changes: Record<string, unknown> = {}) => ({
    title: 'Kritische Schwachstelle im Bürgerportal',
    summary: 'Codeausführung ohne Anmeldung möglich.',
    details: 'Details zur Schwachstelle.',
    products: [{ vendor: 'Portal GmbH', product: 'Bürgerportal', versions: ['3.1', '<3.2'], cves: ['CVE-2025-10001'] }],
    measures: ['Update auf 3.2 einspielen'],
    severity: 'kritisch',
    tlp: 'TLP:AMBER',
    audience: { kind: 'county', countyId: 'lk-meissen' },
    ...changes,
  });

  async function createAndPublish(body: Record<string, unknown>): Promise<string> {
    const created = await client.request('POST', '/api/v1/warnings', { token: token('analyst'), body });
    expect(created.status, created.text).to.equal(201);
    const id = (created.body as { id: string }).id;
    // hoch and kritisch warnings always need a second analyst (LAGEBILD_WARNING_APPROVAL_MIN_SEVERITY).
    expect((await client.request('POST', `/api/v1/warnings/${id}/approve`, { token: token('analyst2') })).status).to.equal(200);
    const published = await client.request('POST', `/api/v1/warnings/${id}/publish`, { token: token('analyst') });
    expect(published.status, published.text).to.equal(200);
    return id;
  }

  let countyWarning: string;

  it('publishing to a county delivers to exactly its organisations and mails each of them through SMTP', async () => {
    smtp.received.length = 0;
    countyWarning = await createAndPublish(draft());
    const overview = await client.request('GET', `/api/v1/warnings/${countyWarning}/deliveries`, { token: token('analyst') });
    const body = overview.body as { addressed: number; pending: string[]; organisations: { organizationId: string; mailedTo: string[]; mailError: string | null }[] };
    expect(body.organisations.map((entry) => entry.organizationId)).to.deep.equal(['moritzburg', 'radebeul', 'radebeul-ortsteil']);
    expect(body.pending).to.deep.equal(['moritzburg', 'radebeul', 'radebeul-ortsteil']);
    expect(body.organisations.every((entry) => entry.mailError === null)).to.equal(true);

    expect(smtp.received).to.have.length(3);
    const radebeul = smtp.received.find((item) => item.to.includes('isb@radebeul.example'))!;
    expect(radebeul.to).to.have.members(['isb@radebeul.example', 'officerradebeul@people.example', 'recipientradebeul@people.example', 'recipientradebeul2@people.example']);
    expect(radebeul.mail.subject).to.match(/^\[TLP:AMBER\] Warnmeldung SAXCERT-2025-0001 \(kritisch\)/);
    expect(radebeul.mail.text).to.include('CVE-2025-10001');
    expect(radebeul.mail.text).to.include(`https://lagebild.example/warnings/${countyWarning}`);
    expect(radebeul.mail.headers.get('x-lagebild-tlp')).to.equal('TLP:AMBER');
    const everyone = smtp.received.flatMap((item) => item.to);
    expect(everyone.some((address) => /bautzen|smi|kreis-meissen|cert\.example/.test(address))).to.equal(false);
  });

  it('a recipient of another organisation cannot list, read, count, export or acknowledge it', async () => {
    const list = await client.request('GET', '/api/v1/warnings', { token: token('recipientBautzen') });
    expect(list.body).to.deep.equal({ items: [], total: 0 });
    for (const [method, path] of [
      ['GET', `/api/v1/warnings/${countyWarning}`],
      ['GET', `/api/v1/warnings/${countyWarning}/csaf`],
      ['POST', `/api/v1/warnings/${countyWarning}/acknowledge`],
    ] as const) {
      expect((await client.request(method, path, { token: token('recipientBautzen') })).status, path).to.equal(404);
    }
    expect((await client.request('GET', `/api/v1/warnings/${countyWarning}/deliveries`, { token: token('recipientBautzen') })).status).to.equal(403);
  });

  it('the first open by a recipient marks it read; acknowledging records who and when, once', async () => {
    clock.advance(60_000);
    const inbox = await client.request('GET', '/api/v1/warnings', { token: token('recipientRadebeul') });
    expect((inbox.body as { total: number }).total).to.equal(1);
    const opened = await client.request('GET', `/api/v1/warnings/${countyWarning}`, { token: token('recipientRadebeul') });
    const view = opened.body as { warning: Record<string, unknown>; deliveries: { organizationId: string; readAt: string; readBy: string }[] };
    expect(view.deliveries).to.deep.equal([{ organizationId: 'radebeul', deliveredAt: '2025-03-01T12:00:00.000Z', readAt: '2025-03-01T12:01:00.000Z', readBy: 'user-recipientRadebeul', readByName: 'recipientRadebeul', acknowledgedAt: null, acknowledgedBy: null, acknowledgedByName: null }]);
    expect(view.warning).not.to.have.property('organizationIds');

    clock.advance(60_000);
    await client.request('GET', `/api/v1/warnings/${countyWarning}`, { token: token('officerRadebeul') });
    const ack = await client.request('POST', `/api/v1/warnings/${countyWarning}/acknowledge`, { token: token('officerRadebeul') });
    expect(ack.status).to.equal(200);
    expect(ack.body).to.include({ readBy: 'user-recipientRadebeul', readByName: 'recipientRadebeul', acknowledgedBy: 'user-officerRadebeul', acknowledgedByName: 'officerRadebeul', acknowledgedAt: '2025-03-01T12:02:00.000Z' });
    clock.advance(60_000);
    const again = await client.request('POST', `/api/v1/warnings/${countyWarning}/acknowledge`, { token: token('recipientRadebeul2') });
    expect(again.body).to.include({ acknowledgedBy: 'user-officerRadebeul', acknowledgedAt: '2025-03-01T12:02:00.000Z' });

    const overview = (await client.request('GET', `/api/v1/warnings/${countyWarning}/deliveries`, { token: token('analyst') })).body as { acknowledged: number; pending: string[]; organisations: { organizationId: string; acknowledgedByName: string | null }[] };
    expect(overview.acknowledged).to.equal(1);
    expect(overview.pending).to.deep.equal(['moritzburg', 'radebeul-ortsteil']);
    expect(overview.organisations.find((entry) => entry.organizationId === 'radebeul')!.acknowledgedByName).to.equal('officerRadebeul');
    const actions = (await store.audit.list({ objectId: countyWarning })).map((entry) => entry.action);
    expect(actions).to.deep.equal(['warning.create', 'warning.approve', 'warning.publish', 'warning.read', 'warning.acknowledge']);
  });

  it('escalates unacknowledged critical warnings after the configured time, once, to the deputy and the CERT', async () => {
    const config = { minSeverity: 'hoch' as const, afterMs: 4 * 3_600_000, certAddresses: ['lage@cert.example'] };
    smtp.received.length = 0;
    clock.set('2025-03-01T15:59:00.000Z');
    expect(await escalateUnacknowledgedWarnings({ store, mailer, clock, config })).to.deep.equal({ escalated: 0, failed: 0 });
    clock.set('2025-03-01T16:00:00.000Z');
    expect(await escalateUnacknowledgedWarnings({ store, mailer, clock, config })).to.deep.equal({ escalated: 2, failed: 0 });
    expect(smtp.received.map((item) => item.to.sort())).to.have.deep.members([
      ['deputy@moritzburg.example', 'lage@cert.example'],
      ['deputy@ortsteil.example', 'lage@cert.example'],
    ]);
    expect(smtp.received[0]!.mail.subject).to.match(/^\[TLP:AMBER\] Eskalation: Warnmeldung SAXCERT-2025-0001/);
    clock.advance(3_600_000);
    expect(await escalateUnacknowledgedWarnings({ store, mailer, clock, config })).to.deep.equal({ escalated: 0, failed: 0 });
    expect(smtp.received).to.have.length(2);
    const low = await createAndPublish(draft({ severity: 'mittel', title: 'Mittlere Warnung', products: [] }));
    clock.advance(5 * 3_600_000);
    smtp.received.length = 0;
    expect(await escalateUnacknowledgedWarnings({ store, mailer, clock, config })).to.deep.equal({ escalated: 0, failed: 0 });
    expect((await store.warningDeliveries.list(low, { kind: 'all' })).every((delivery) => delivery.escalatedAt === null)).to.equal(true);
  });

  it('TLP:RED goes only to the named people: others of the same organisation neither see nor receive it', async () => {
    smtp.received.length = 0;
    const rejected = await client.request('POST', '/api/v1/warnings', { token: token('analyst'), body: draft({ tlp: 'TLP:AMBER', recipientUserIds: ['user-recipientRadebeul'] }) });
    expect(rejected.status).to.equal(400);
    const unnamed = (await client.request('POST', '/api/v1/warnings', { token: token('analyst'), body: draft({ tlp: 'TLP:RED' }) })).body as { id: string };
    await client.request('POST', `/api/v1/warnings/${unnamed.id}/approve`, { token: token('analyst2') });
    expect((await client.request('POST', `/api/v1/warnings/${unnamed.id}/publish`, { token: token('analyst') })).status).to.equal(400);

    const red = await createAndPublish(draft({ tlp: 'TLP:RED', title: 'Rote Warnung', recipientUserIds: ['user-recipientRadebeul'] }));
    expect(smtp.received).to.have.length(1);
    expect(smtp.received[0]!.to).to.deep.equal(['recipientradebeul@people.example']);
    expect(smtp.received[0]!.mail.subject).to.match(/^\[TLP:RED\]/);
    expect((await client.request('GET', `/api/v1/warnings/${red}`, { token: token('recipientRadebeul') })).status).to.equal(200);
    for (const other of ['recipientRadebeul2', 'officerRadebeul', 'recipientMoritzburg'] as const) {
      expect((await client.request('GET', `/api/v1/warnings/${red}`, { token: token(other) })).status, other).to.equal(404);
      const titles = ((await client.request('GET', '/api/v1/warnings', { token: token(other) })).body as { items: { title: string }[] }).items.map((item) => item.title);
      expect(titles, other).not.to.include('Rote Warnung');
    }
    const overview = (await client.request('GET', `/api/v1/warnings/${red}/deliveries`, { token: token('analyst') })).body as { organisations: { organizationId: string }[] };
    expect(overview.organisations.map((entry) => entry.organizationId)).to.deep.equal(['radebeul']);
  });

  it('a warning that needs approval is published only after a different analyst approves it', async () => {
    const created = (await client.request('POST', '/api/v1/warnings', { token: token('analyst'), body: draft({ requiresApproval: true }) })).body as { id: string };
    expect((await client.request('POST', `/api/v1/warnings/${created.id}/publish`, { token: token('analyst') })).status).to.equal(409);
    const self = await client.request('POST', `/api/v1/warnings/${created.id}/approve`, { token: token('analyst') });
    expect(self.status).to.equal(403);
    expect((self.body as { code: string }).code).to.equal('approver_is_author');
    expect((await client.request('POST', `/api/v1/warnings/${created.id}/approve`, { token: token('analyst2') })).status).to.equal(200);
    expect((await client.request('POST', `/api/v1/warnings/${created.id}/approve`, { token: token('recipientRadebeul') })).status).to.equal(403);
    const published = await client.request('POST', `/api/v1/warnings/${created.id}/publish`, { token: token('analyst') });
    expect(published.status).to.equal(200);
    expect((published.body as { warning: { trackingId: string } }).warning.trackingId).to.match(/^SAXCERT-2025-\d{4}$/);
  });

  it('exports validate against the CSAF 2.0 schema: a security advisory for products, an informational one without', async () => {
    const security = await client.request('GET', `/api/v1/warnings/${countyWarning}/csaf`, { token: token('recipientRadebeul') });
    expect(security.status).to.equal(200);
    expect(csafProblems(security.body)).to.deep.equal([]);
    const doc = security.body as { document: { category: string; tracking: { id: string }; distribution: { tlp: { label: string } } }; vulnerabilities: { cve: string }[] };
    expect(doc.document.category).to.equal('csaf_security_advisory');
    expect(doc.document.tracking.id).to.equal('SAXCERT-2025-0001');
    expect(doc.document.distribution.tlp.label).to.equal('AMBER');
    expect(doc.vulnerabilities.map((vulnerability) => vulnerability.cve)).to.deep.equal(['CVE-2025-10001']);

    const informational = await createAndPublish(draft({ products: [], tlp: 'TLP:CLEAR', title: 'Phishingwelle' }));
    const exported = await client.request('GET', `/api/v1/warnings/${informational}/csaf`, { token: token('analyst') });
    expect(csafProblems(exported.body)).to.deep.equal([]);
    expect((exported.body as { document: { category: string; distribution: { tlp: { label: string } } } }).document).to.deep.include({ category: 'csaf_informational_advisory' });
    expect((exported.body as { document: { distribution: { tlp: { label: string } } } }).document.distribution.tlp.label).to.equal('WHITE');

    const unpublished = (await client.request('POST', '/api/v1/warnings', { token: token('analyst'), body: draft() })).body as { id: string };
    expect((await client.request('GET', `/api/v1/warnings/${unpublished.id}/csaf`, { token: token('analyst') })).status).to.equal(409);
  });

  it('drafts stay invisible to recipients and can only be changed at the version seen', async () => {
    const created = (await client.request('POST', '/api/v1/warnings', { token: token('analyst'), body: draft({ audience: { kind: 'organisations', organizationIds: ['radebeul'] } }) })).body as { id: string; version: number };
    expect((await client.request('GET', `/api/v1/warnings/${created.id}`, { token: token('recipientRadebeul') })).status).to.equal(404);
    const stale = await client.request('PATCH', `/api/v1/warnings/${created.id}`, { token: token('analyst'), body: { title: 'Neu', version: created.version + 1 } });
    expect(stale.status).to.equal(409);
    const changed = await client.request('PATCH', `/api/v1/warnings/${created.id}`, { token: token('analyst'), body: { title: 'Neu', version: created.version } });
    expect(changed.body).to.include({ title: 'Neu', version: created.version + 1 });
  });

  it('a warning drafted from an incident is addressed to its organisations and carries its IPs and domains, not its user names', async () => {
    await store.events.putMany([{ '@timestamp': '2025-03-01T10:00:00.000Z', event: { id: 'ev-1', kind: 'event' }, organization: { id: 'moritzburg' }, source: { ip: '198.51.100.9' }, dns: { question: { name: 'c2.bad.example' } }, user: { name: 'mueller' } }]);
    await store.alerts.putMany([{ '@timestamp': '2025-03-01T10:00:00.000Z', alert: { id: 'al-1', count: 1 }, rule: { id: 'c2', title: 'C2 contact', level: 'high', type: 'ioc' }, event_ids: ['ev-1'], organization: { id: 'moritzburg' }, tags: [] }]);
    await store.incidents.recordAlert({ incidentId: 'inc-1', title: 'C2 in Moritzburg', organizationId: 'moritzburg', ruleId: 'c2', ruleTitle: 'C2 contact', entity: '', severity: 'high', alertId: 'al-1', eventCount: 1, at: '2025-03-01T10:00:00.000Z', tags: [], now: clock.now().toISOString() });
    expect((await client.request('POST', '/api/v1/incidents/inc-1/warnings', { token: token('recipientMoritzburg'), body: {} })).status).to.equal(403);
    const created = await client.request('POST', '/api/v1/incidents/inc-1/warnings', { token: token('analyst'), body: { summary: 'Kontakt zu C2-Server' } });
    expect(created.status, created.text).to.equal(201);
    const body = created.body as { incidentId: string; severity: string; summary: string; audience: unknown; indicators: { type: string; value: string }[] };
    expect(body).to.include({ incidentId: 'inc-1', severity: 'hoch', summary: 'Kontakt zu C2-Server' });
    expect(body.audience).to.deep.equal({ kind: 'organisations', organizationIds: ['moritzburg'] });
    expect(body.indicators).to.have.deep.members([{ type: 'ip', value: '198.51.100.9' }, { type: 'domain', value: 'c2.bad.example' }]);
    expect((await client.request('POST', '/api/v1/incidents/nope/warnings', { token: token('analyst'), body: {} })).status).to.equal(404);

    // Without the analyst's own text, a German first text: times to the minute in Saxon time, no ISO stamps, no ids, no victims' names.
    const drafted = (await client.request('POST', '/api/v1/incidents/inc-1/warnings', { token: token('analyst'), body: {} })).body as { title: string; summary: string; measures: string[] };
    expect(drafted.title).to.equal('C2 contact');
    expect(drafted.summary).to.match(/^Wir beobachten .* am 01\.03\.2025 um 11:00 Uhr\. Betroffen ist .* Wir empfehlen, /);
    const text = [drafted.title, drafted.summary, ...drafted.measures].join('\n');
    expect(text).not.to.match(/\d{4}-\d{2}-\d{2}|\d{2}:\d{2}:\d{2}|inc-1|moritzburg|mueller/i);
  });
});
