import { expect } from 'chai';
import type { Organisation } from '../../../core/domain/organisation.js';
import type { Mailer, MailMessage } from '../../../core/ports/mailer.js';
import { ORG_A, ORG_B, startTestApi, type TestApi, type TestUserName } from './test-api.js';

interface Preview {
  count: number;
  organisations: { id: string; name: string }[];
}

function organisation(id: string, name: string, kind: Organisation['kind'], parentId: string | null): Organisation {
  return { id, name, kind, parentId, networks: [], domains: [], contacts: [{ role: 'isb', name: `ISB ${name}`, email: `isb@${id}.example` }], reportingRegime: 'section17', critical: false };
}

/** Besides Stadt A and Stadt B (no parent, nothing below): a county with two municipalities, one two levels down, the CERT and a provider. */
const REGISTRY = [
  organisation('cert', 'SAX.CERT', 'cert', null),
  organisation('kisa', 'Kommunale IT', 'provider', null),
  organisation('lk-nord', 'Landkreis Nord', 'municipal', null),
  organisation('zell', 'Gemeinde Zell', 'municipal', 'lk-nord'),
  organisation('au', 'Gemeinde Au', 'municipal', 'lk-nord'),
  organisation('au-schule', 'Schulverband Au', 'municipal', 'au'),
];

describe('api > warnings > audience preview, options and list', () => {
  let api: TestApi;
  const sent: MailMessage[] = [];
  const mailer: Mailer = {
    send: async (message) => {
      sent.push(message);
      return { messageId: `<${sent.length}@test>` };
    },
    close: async () => {},
  };
  beforeEach(async () => {
    api = await startTestApi({ mailer });
    for (const entry of REGISTRY) await api.store.organisations.upsert(entry);
  });
  afterEach(() => api.close());

  const preview = (user: TestUserName, body: unknown) => api.client.request('POST', '/api/v1/warnings/audience-preview', { token: api.token(user), body });
  const draft = (audience: unknown) => ({ title: 'Phishing', summary: 'Gefälschte Rechnungen.', severity: 'mittel', tlp: 'TLP:AMBER', audience });

  it('refuses officers and recipients: only who may write a warning previews its audience or lists the choices', async () => {
    for (const user of ['officerA', 'recipientA'] as const) {
      const answer = await preview(user, { audience: { kind: 'all' } });
      expect(answer.status, user).to.equal(403);
      expect((answer.body as { code: string }).code).to.equal('forbidden');
      expect((await api.client.request('GET', '/api/v1/warnings/audience-options', { token: api.token(user) })).status, user).to.equal(403);
    }
  });

  it('answers a county that is none with problem+json and a stable code', async () => {
    for (const countyId of ['zell', 'nowhere', 'cert', ORG_A]) {
      const answer = await preview('analyst', { audience: { kind: 'county', countyId } });
      expect(answer.status, countyId).to.equal(400);
      expect(answer.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect(answer.body, countyId).to.deep.include({ code: 'audience_not_a_county', status: 400 });
    }
    expect((await preview('analyst', { audience: { kind: 'provider', providerId: 'lk-nord' } })).body).to.deep.include({ code: 'audience_not_a_provider' });
    expect((await preview('analyst', { audience: { kind: 'organisations', organizationIds: ['zell', 'atlantis'] } })).body).to.deep.include({ code: 'audience_unknown_organisation' });
    expect((await preview('analyst', { audience: { kind: 'county' } })).body).to.deep.include({ code: 'validation_failed' });
  });

  it('previews by name exactly the organisations that publishing then delivers to', async () => {
    for (const audience of [{ kind: 'county', countyId: 'lk-nord' }, { kind: 'all' }, { kind: 'organisations', organizationIds: ['zell', ORG_B] }]) {
      const shown = (await preview('analyst', { audience })).body as Preview;
      const created = await api.client.request('POST', '/api/v1/warnings', { token: api.token('analyst'), body: draft(audience) });
      const id = (created.body as { id: string }).id;
      const published = await api.client.request('POST', `/api/v1/warnings/${id}/publish`, { token: api.token('analyst') });
      expect(published.status, published.text).to.equal(200);
      const delivered = (published.body as { deliveries: { organizationId: string }[] }).deliveries.map((delivery) => delivery.organizationId);
      expect(shown.count, JSON.stringify(audience)).to.equal(delivered.length);
      expect(shown.organisations.map((entry) => entry.id)).to.have.members(delivered);
    }
    const county = (await preview('analyst', { audience: { kind: 'county', countyId: 'lk-nord' } })).body as Preview;
    expect(county).to.deep.equal({ count: 3, organisations: [{ id: 'au', name: 'Gemeinde Au' }, { id: 'zell', name: 'Gemeinde Zell' }, { id: 'au-schule', name: 'Schulverband Au' }] });
    const everyone = (await preview('analyst', { audience: { kind: 'all' } })).body as Preview;
    expect(everyone.organisations.map((entry) => entry.id)).not.to.include('cert');
  });

  it('narrows a TLP:RED preview to the named people\'s organisations, as publishing does', async () => {
    const red = (await preview('analyst', { audience: { kind: 'all' }, tlp: 'TLP:RED', recipientUserIds: ['user-recipientA'] })).body as Preview;
    expect(red).to.deep.equal({ count: 1, organisations: [{ id: ORG_A, name: 'Stadt A' }] });
  });

  it('offers counties, providers and the constituency by name, never the CERT', async () => {
    const options = (await api.client.request('GET', '/api/v1/warnings/audience-options', { token: api.token('analyst') })).body as Record<string, { id: string; name: string }[]>;
    expect(options.counties).to.deep.equal([{ id: 'lk-nord', name: 'Landkreis Nord' }]);
    expect(options.providers).to.deep.equal([{ id: 'kisa', name: 'Kommunale IT' }]);
    expect(options.organisations!.map((entry) => entry.name)).to.deep.equal(['Gemeinde Au', 'Gemeinde Zell', 'Kommunale IT', 'Landkreis Nord', 'Schulverband Au', 'Stadt A', 'Stadt B']);
  });

  it('lists each warning with its reach and acknowledgements for the CERT, and the own organisation\'s state for an officer', async () => {
    const published = (await api.client.request('POST', '/api/v1/warnings', { token: api.token('analyst'), body: draft({ kind: 'organisations', organizationIds: [ORG_A, ORG_B] }) })).body as { id: string };
    await api.client.request('POST', `/api/v1/warnings/${published.id}/publish`, { token: api.token('analyst') });
    await api.client.request('POST', `/api/v1/warnings/${published.id}/acknowledge`, { token: api.token('officerA') });
    const pending = (await api.client.request('POST', '/api/v1/warnings', { token: api.token('analyst'), body: draft({ kind: 'county', countyId: 'lk-nord' }) })).body as { id: string };

    type Item = { id: string; audienceCount?: number | null; acknowledgement: { addressed: number; read: number; acknowledged: number } | null };
    const cert = ((await api.client.request('GET', '/api/v1/warnings', { token: api.token('analyst') })).body as { items: Item[] }).items;
    expect(cert.find((item) => item.id === published.id)).to.deep.include({ audienceCount: 2, acknowledgement: { addressed: 2, read: 1, acknowledged: 1 } });
    expect(cert.find((item) => item.id === pending.id)).to.deep.include({ audienceCount: 3, acknowledgement: null });

    const ownA = ((await api.client.request('GET', '/api/v1/warnings', { token: api.token('recipientA') })).body as { items: Item[] }).items;
    expect(ownA).to.have.length(1);
    expect(ownA[0]).to.deep.include({ acknowledgement: { addressed: 1, read: 1, acknowledged: 1 } });
    expect(ownA[0]).not.to.have.property('audienceCount');
    const ownB = ((await api.client.request('GET', '/api/v1/warnings', { token: api.token('officerB') })).body as { items: Item[] }).items;
    expect(ownB[0]).to.deep.include({ acknowledgement: { addressed: 1, read: 0, acknowledged: 0 } });
  });
});
