import { expect } from 'chai';
import { startSpawnedLagebild, type SpawnedLagebild } from '../support/spawned-lagebild.js';

interface WarningView {
  id: string;
  status: string;
  severity: string;
  requiresApproval: boolean;
  approvalWaivedBy?: string | null;
  version: number;
  trackingId: string | null;
}

interface AuditView {
  items?: { actor: string; action: string; objectId: string; before?: Record<string, unknown>; after?: Record<string, unknown> }[];
}

const SECOND_ANALYST_PASSWORD = 'zweite-analystin-passwort';

/**
 * Issue 14, class 5, from outside: a real Lagebild process (API role, demo users) and a second
 * analyst the admin creates through the API. The author of a warning tries to get it out alone.
 */
describe('security > four eyes on warnings', function () {
  this.timeout(120_000);
  let lagebild: SpawnedLagebild;
  let author: string;
  let second: string;
  let admin: string;

  const draft = (severity: string, requiresApproval: boolean) => ({
    title: `Schwachstelle im Bürgerportal (${severity})`,
    summary: 'Codeausführung ohne Anmeldung möglich.',
    severity,
    tlp: 'TLP:AMBER',
    audience: { kind: 'organisations', organizationIds: ['radebeul'] },
    requiresApproval,
  });
  const create = (token: string, severity: string, requiresApproval: boolean) => lagebild.call<WarningView>('POST', '/api/v1/warnings', token, draft(severity, requiresApproval));
  const read = async (id: string) => (await lagebild.call<{ warning: WarningView }>('GET', `/api/v1/warnings/${id}`, admin)).warning;

  before(async () => {
    lagebild = await startSpawnedLagebild({ roles: 'api' });
    [author, admin] = await Promise.all([lagebild.login('analyst'), lagebild.login('admin')]);
    await lagebild.call('POST', '/api/v1/users', admin, { username: 'analyst2', displayName: 'Zweite Analystin', email: 'analyst2@cert.sachsen.example', role: 'analyst', password: SECOND_ANALYST_PASSWORD });
    // A new account must change its password before anything else.
    const first = await lagebild.login('analyst2', SECOND_ANALYST_PASSWORD);
    second = (await lagebild.call<{ accessToken: string }>('POST', '/api/v1/auth/password', first, { currentPassword: SECOND_ANALYST_PASSWORD, newPassword: `${SECOND_ANALYST_PASSWORD}-neu` })).accessToken;
  });

  after(() => lagebild?.stop());

  it('the author cannot lower requiresApproval on their own draft, nor publish it alone', async () => {
    const created = await create(author, 'mittel', true);
    const lowered = await lagebild.request('PATCH', `/api/v1/warnings/${created.id}`, author, { requiresApproval: false, version: created.version });
    expect(lowered.status, lowered.text).to.equal(403);
    expect(lowered.body).to.include({ code: 'approval_waiver_by_author' });
    const published = await lagebild.request('POST', `/api/v1/warnings/${created.id}/publish`, author);
    expect(published.status, published.text).to.equal(409);
    expect(published.body).to.include({ code: 'approval_required' });
    expect(await read(created.id)).to.include({ status: 'draft', requiresApproval: true, version: created.version, trackingId: null });
  });

  for (const severity of ['hoch', 'kritisch']) {
    it(`a ${severity} warning never goes out on its author alone, whatever they ask for`, async () => {
      const created = await create(author, severity, false);
      const published = await lagebild.request('POST', `/api/v1/warnings/${created.id}/publish`, author);
      expect(published.status, published.text).to.equal(409);
      expect(published.body).to.include({ code: 'approval_required' });
      const self = await lagebild.request('POST', `/api/v1/warnings/${created.id}/approve`, author);
      expect(self.status).to.equal(403);
      expect(self.body).to.include({ code: 'approver_is_author' });
      // Not even a second analyst can waive it for this severity.
      const current = await read(created.id);
      const waived = await lagebild.request('PATCH', `/api/v1/warnings/${created.id}`, second, { requiresApproval: false, version: current.version });
      expect(waived.status, waived.text).to.equal(409);
      expect(waived.body).to.include({ code: 'approval_mandatory' });
      expect(await read(created.id)).to.include({ status: 'draft', trackingId: null });

      expect((await lagebild.request('POST', `/api/v1/warnings/${created.id}/approve`, second)).status).to.equal(200);
      const out = await lagebild.request('POST', `/api/v1/warnings/${created.id}/publish`, author);
      expect(out.status, out.text).to.equal(200);
      expect(await read(created.id)).to.include({ status: 'published' });
    });
  }

  it('a second analyst may waive the approval of a lesser warning, audited; a later change by the author needs approval again', async () => {
    const created = await create(author, 'mittel', true);
    const waived = await lagebild.request('PATCH', `/api/v1/warnings/${created.id}`, second, { requiresApproval: false, version: created.version });
    expect(waived.status, waived.text).to.equal(200);
    expect(waived.body).to.include({ requiresApproval: false });
    const audit = await lagebild.call<AuditView>('GET', `/api/v1/audit?objectId=${created.id}`, admin);
    const entry = audit.items?.find((item) => item.action === 'warning.waive_approval');
    expect(entry?.actor).to.equal('analyst2');
    expect(entry?.before).to.include({ requiresApproval: true });
    expect(entry?.after).to.include({ requiresApproval: false, approvalWaivedBy: (waived.body as WarningView).approvalWaivedBy });
    expect((waived.body as WarningView).approvalWaivedBy).to.be.a('string');

    const edited = await lagebild.call<WarningView>('PATCH', `/api/v1/warnings/${created.id}`, author, { summary: 'Inzwischen auch ohne Anmeldung ausnutzbar.', version: (waived.body as WarningView).version });
    expect(edited.requiresApproval).to.equal(true);
    const alone = await lagebild.request('POST', `/api/v1/warnings/${created.id}/publish`, author);
    expect(alone.status, alone.text).to.equal(409);
    expect((await lagebild.request('POST', `/api/v1/warnings/${created.id}/approve`, second)).status).to.equal(200);
    expect((await lagebild.request('POST', `/api/v1/warnings/${created.id}/publish`, author)).status).to.equal(200);
  });
});
