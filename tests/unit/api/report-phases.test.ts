import { expect } from 'chai';
import { ORG_A, startTestApi, type TestApi } from './test-api.js';

interface Problem {
  code: string;
  errors?: { code?: string; path: string }[];
}

interface Detail {
  report: { id: string; phase: string; draft: Record<string, unknown> | null };
  fields: { path: string; required: boolean }[];
}

const AWARE = '2025-03-01T09:30:00.000Z';

describe('api > reports > what each phase asks', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi();
    const organisation = await api.store.organisations.get(ORG_A, { kind: 'all' });
    await api.store.organisations.upsert({
      ...organisation!,
      contacts: [
        { role: 'isb_deputy', name: 'Vera Vertretung', email: 'vertretung@stadt-a.example' },
        { role: 'isb', name: 'Ines Sicher', email: 'isb@stadt-a.example', phone: '+49 351 1234' },
      ],
    });
  });
  afterEach(() => api.close());

  const officer = () => api.token('officerA');
  async function start(phase: string, obligationId?: string): Promise<Detail> {
    const created = await api.client.request('POST', '/api/v1/reports', { token: officer(), body: obligationId ? { phase, obligationId } : { phase, awarenessAt: AWARE } });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    return (await api.client.request('GET', `/api/v1/reports/${(created.body as { id: string }).id}`, { token: officer() })).body as Detail;
  }
  const submit = (id: string, content: Record<string, unknown>) => api.client.request('POST', `/api/v1/reports/${id}/submit`, { token: officer(), body: { content } });
  const problems = (body: unknown) => ((body as Problem).errors ?? []).map((error) => [error.code, error.path]);

  it('starts a report with the officer as reporter and the organisation\'s ISB as contact, from the registry', async () => {
    const { report } = await start('early_warning');
    expect(report.draft).to.deep.include({
      awarenessAt: AWARE,
      reporter: { name: 'officerA', email: 'officerA@example.org' },
      isbContact: { name: 'Ines Sicher', email: 'isb@stadt-a.example', phone: '+49 351 1234' },
    });
  });

  it('lists the early warning\'s few fields in the report detail, and the notification\'s assessment', async () => {
    const early = await start('early_warning');
    const paths = early.fields.map((field) => field.path);
    expect(paths).to.include.members(['reporter.name', 'isbContact.email', 'awarenessAt', 'startedAt', 'description', 'suspectedMaliciousAct', 'impactOnOtherAuthorities']);
    expect(paths).to.not.include.members(['tier']);
    expect(paths).to.not.include('categories');
    expect(paths).to.not.include('personalData.affected');
    expect(paths.length).to.be.lessThan(16);
    expect(early.fields.filter((field) => field.required).map((field) => field.path)).to.have.members(['reporter.name', 'reporter.email', 'isbContact.name', 'isbContact.email', 'awarenessAt', 'description']);

    const obligationId = ((await api.client.request('GET', `/api/v1/reports/${early.report.id}`, { token: officer() })).body as { obligation: { id: string } }).obligation.id;
    const notification = await start('notification', obligationId);
    expect(notification.fields.filter((field) => field.required).map((field) => field.path)).to.include.members(['tier', 'categories', 'description']);
    expect(notification.fields.map((field) => field.path)).to.include.members(['indicatorsOfCompromise', 'personalData.affected']);
  });

  it('refuses an incomplete early warning naming each empty and each malformed field, and nothing twice', async () => {
    const { report } = await start('early_warning');
    const answer = await submit(report.id, { awarenessAt: AWARE, description: '   ', reporter: { name: 'Erika Muster' }, isbContact: { name: 'Ines Sicher', email: 'kein-mail' } });
    expect(answer.status).to.equal(400);
    expect((answer.body as Problem).code).to.equal('validation_failed');
    expect(problems(answer.body)).to.deep.equal([
      ['report_field_missing', 'reporter.email'],
      ['report_field_missing', 'description'],
      ['report_field_invalid', 'isbContact.email'],
    ]);
    const detail = (await api.client.request('GET', `/api/v1/reports/${report.id}`, { token: officer() })).body as { versions: unknown[] };
    expect(detail.versions).to.deep.equal([]);
  });

  it('accepts an early warning without a tier or categories, stores them as not yet known and carries it into the notification\'s draft', async () => {
    const { report } = await start('early_warning');
    const answer = await submit(report.id, {
      reporter: { name: 'Erika Muster', email: 'erika@stadt-a.example' },
      isbContact: { name: 'Ines Sicher', email: 'isb@stadt-a.example' },
      awarenessAt: AWARE,
      description: 'Verschlüsselte Dateien auf dem Fileserver',
      suspectedMaliciousAct: true,
      impactOnOtherAuthorities: 'Schnittstelle zum Landkreis möglicherweise betroffen',
    });
    expect(answer.status, JSON.stringify(answer.body)).to.equal(201);
    const content = (answer.body as { content: Record<string, unknown> }).content;
    expect(content).to.deep.include({ tier: null, categories: [], suspectedMaliciousAct: true, tlp: 'TLP:AMBER' });

    // The officer's next phase starts from what the early warning said, its unknown tier included.
    const obligationId = ((await api.client.request('GET', `/api/v1/reports/${report.id}`, { token: officer() })).body as { obligation: { id: string } }).obligation.id;
    const next = await api.client.request('POST', '/api/v1/reports', { token: officer(), body: { phase: 'notification', obligationId, draft: content } });
    expect(next.status, JSON.stringify(next.body)).to.equal(201);
    expect((next.body as { draft: Record<string, unknown> }).draft).to.deep.include({ description: 'Verschlüsselte Dateien auf dem Fileserver', tier: null, reporter: { name: 'Erika Muster', email: 'erika@stadt-a.example' } });
  });

  it('refuses the same content as a notification until the tier and categories are given', async () => {
    const early = await start('early_warning');
    const obligationId = ((await api.client.request('GET', `/api/v1/reports/${early.report.id}`, { token: officer() })).body as { obligation: { id: string } }).obligation.id;
    const { report } = await start('notification', obligationId);
    const content = { reporter: { name: 'Erika Muster', email: 'erika@stadt-a.example' }, isbContact: { name: 'Ines Sicher', email: 'isb@stadt-a.example' }, awarenessAt: AWARE, description: 'Verschlüsselte Dateien' };
    const refused = await submit(report.id, content);
    expect(refused.status).to.equal(400);
    expect(problems(refused.body)).to.deep.equal([
      ['report_field_missing', 'tier'],
      ['report_field_missing', 'categories'],
    ]);
    const accepted = await submit(report.id, { ...content, tier: 'sicherheitsvorfall', categories: ['malware_installed'] });
    expect(accepted.status, JSON.stringify(accepted.body)).to.equal(201);
  });
});
