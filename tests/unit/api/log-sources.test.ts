import { expect } from 'chai';
import { parsers } from '../../../collectors/parsers/registry.js';
import { resolveSourceToken } from '../../../workflows/log-sources/resolve-source-token.js';
import { ORG_A, startTestApi, type TestApi } from './test-api.js';

interface CreatedSource {
  source: { id: string; organizationId: string; name: string; parser?: string; revokedAt: string | null };
  token: string;
}

describe('api > log sources', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi();
  });
  afterEach(() => api.close());

  const create = (body: unknown, user: 'admin' | 'analyst' = 'admin') => api.client.request('POST', '/api/v1/log-sources', { token: api.token(user), body });

  it('refuses non-admins, unknown organisations and malformed bodies', async () => {
    expect((await api.client.request('GET', '/api/v1/log-sources')).status).to.equal(401);
    expect((await create({ organizationId: ORG_A, name: 'fw' }, 'analyst')).status).to.equal(403);
    expect((await api.client.request('GET', '/api/v1/log-sources', { token: api.token('officerA') })).status).to.equal(403);
    expect((await create({ organizationId: 'nowhere', name: 'fw' })).status).to.equal(400);
    expect((await create({ organizationId: ORG_A, name: 'fw', parser: 'Bad Parser!' })).status).to.equal(400);
    expect((await create({ organizationId: ORG_A, name: 'fw', token: 'mine' })).status).to.equal(400);
    expect((await api.client.request('GET', '/api/v1/log-sources/missing', { token: api.token('admin') })).status).to.equal(404);
    expect((await api.client.request('POST', '/api/v1/log-sources/missing/revoke', { token: api.token('admin') })).status).to.equal(404);
  });

  it('lists the parsers a source may name and refuses a name no parser has', async () => {
    await api.close();
    api = await startTestApi({ parserNames: [...parsers.keys()] });
    const listed = await api.client.request('GET', '/api/v1/log-sources/parsers', { token: api.token('admin') });
    expect((listed.body as { items: string[] }).items).to.include.members(['auto', 'fortigate', 'sophos-xg', 'sophos-utm', 'cisco-asa', 'pan-os', 'microsoft-dns']);
    const misspelt = await create({ organizationId: 'stadt-a', name: 'Firewall', parser: 'fortigat' });
    expect(misspelt.status).to.equal(400);
    expect(JSON.stringify(misspelt.body)).to.include('no parser \\"fortigat\\"');
    expect((await create({ organizationId: 'stadt-a', name: 'Firewall', parser: 'fortigate' })).status).to.equal(201);
  });

  it('returns the token once, stores only its hash, and lists and shows the source without it', async () => {
    const response = await create({ organizationId: ORG_A, name: 'Firewall Rathaus', parser: 'json' });
    expect(response.status).to.equal(201);
    expect(response.headers.get('cache-control')).to.equal('no-store');
    const created = response.body as CreatedSource;
    expect(created.token).to.match(/^lbs_[A-Za-z0-9_-]{43}$/);
    expect(created.source).to.include({ organizationId: ORG_A, name: 'Firewall Rathaus', parser: 'json', revokedAt: null });

    const stored = await api.store.logSources.get(created.source.id, { kind: 'all' });
    expect(stored?.tokenHash).to.match(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.to.include(created.token);
    expect(await resolveSourceToken(api.store)(created.token)).to.deep.equal({ organizationId: ORG_A, parser: 'json' });

    const list = await api.client.request('GET', '/api/v1/log-sources', { token: api.token('admin') });
    expect((list.body as { items: unknown[] }).items).to.deep.equal([created.source]);
    const shown = await api.client.request('GET', `/api/v1/log-sources/${created.source.id}`, { token: api.token('admin') });
    expect(shown.body).to.deep.equal(created.source);
    for (const text of [list.text, shown.text]) {
      expect(text).not.to.include(created.token);
      expect(text).not.to.include(stored!.tokenHash);
    }
  });

  it('resolves the token for ingest until the source is revoked, and audits both changes', async () => {
    const created = (await create({ organizationId: ORG_A, name: 'syslog relay' })).body as CreatedSource;
    const resolve = resolveSourceToken(api.store);
    expect(await resolve(created.token)).to.deep.equal({ organizationId: ORG_A });
    expect(await resolve(`${created.token}x`)).to.equal(undefined);

    api.clock.advance(60_000);
    const revoked = await api.client.request('POST', `/api/v1/log-sources/${created.source.id}/revoke`, { token: api.token('admin') });
    expect(revoked.status).to.equal(200);
    expect((revoked.body as CreatedSource['source']).revokedAt).to.equal(api.clock.now().toISOString());
    expect(await resolve(created.token)).to.equal(undefined);
    const again = await api.client.request('POST', `/api/v1/log-sources/${created.source.id}/revoke`, { token: api.token('admin') });
    expect(again.body).to.deep.equal(revoked.body);

    const audit = await api.store.audit.list({ objectId: created.source.id });
    expect(audit.map((entry) => [entry.action, entry.actor])).to.deep.equal([
      ['logsource.create', 'admin'],
      ['logsource.revoke', 'admin'],
    ]);
    expect(JSON.stringify(audit)).not.to.include(created.token);
  });
});
