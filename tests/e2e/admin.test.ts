import path from 'node:path';
import { expect } from 'chai';
import { horizontalOverflow, screenshot } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { sshdLine } from './ui-session.js';
import { useBrowserSuite } from './browser-suite.js';

interface IncidentSummary {
  id: string;
  title: string;
  entity: string;
  organizationIds: string[];
}

describe('e2e > ui > admin', function () {
  this.timeout(60_000);
  const ui = useBrowserSuite({ rulesDir: path.resolve('tests/fixtures/e2e/rules') });

  it('creates a log source, shows its token once, and an event sent with it becomes an incident', async () => {
    await ui.logIn('admin');
    await ui.menu('Logquellen').click();
    await ui.page.getByLabel('Organisation').selectOption('radebeul');
    await ui.page.getByLabel('Name').fill('Portal-Server Radebeul (HTTP)');
    await ui.page.locator('#log-source-create').click();
    await ui.page.locator('#token-panel').waitFor();
    const token = await ui.page.locator('#new-token').inputValue();
    expect(token.length).to.be.at.least(20);
    expect(await ui.page.locator('#new-token-warning').textContent()).to.contain('nur jetzt ein einziges Mal');
    expect(await ui.page.locator('#copy-token').isVisible()).to.equal(true);
    expect(await ui.page.locator('#ingest-example').textContent()).to.equal(`curl -H 'Authorization: Bearer <token>' --data-binary @events.ndjson ${ui.demo.baseUrl}/api/v1/ingest`);
    expect(await ui.page.locator('#token-panel pre.command').textContent()).to.contain(`Bearer ${token}`);
    expect(await ui.page.locator('#log-source-table').textContent()).to.contain('Portal-Server Radebeul (HTTP)');
    await screenshot(ui.page, 'admin-log-source-token-1280');

    // Once: after a reload the token is nowhere on the page, and the API never lists it.
    await ui.page.reload();
    await ui.page.locator('#log-source-table').waitFor();
    expect(await ui.page.locator('main').textContent()).to.not.contain(token);
    const adminToken = await ui.demo.token('admin');
    expect(JSON.stringify(await ui.demo.api(adminToken, '/api/v1/log-sources'))).to.not.contain(token);

    // The shipper's view: NDJSON over HTTP with the token, a raw sshd line as one record.
    const line = sshdLine('portal.radebeul.example', 'Accepted password for root from 203.0.113.201 port 50123 ssh2');
    const response = await fetch(`${ui.demo.baseUrl}/api/v1/ingest`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/x-ndjson' }, body: `${JSON.stringify(line)}\n` });
    expect(response.status).to.equal(202);
    expect(await response.json()).to.deep.equal({ accepted: 1, rejected: 0 });
    const incident = await eventually(
      async () => (await ui.demo.api<{ items: IncidentSummary[] }>(adminToken, '/api/v1/incidents?organization=radebeul&q=203.0.113.201')).items[0],
      20_000,
      'the incident of the ingested root login',
    );
    expect(incident.organizationIds).to.deep.equal(['radebeul']);

    await ui.menu('Vorfälle').click();
    await ui.page.locator(`#incident-link-${incident.id}`).click();
    await ui.page.locator('.event-original').first().waitFor();
    expect(await ui.page.locator('.event-original').first().textContent()).to.contain('203.0.113.201');
    expect(ui.problems).to.deep.equal([]);
  });

  it('revokes a log source, after which its token is refused', async () => {
    const adminToken = await ui.demo.token('admin');
    const created = await ui.demo.api<{ source: { id: string }; token: string }>(adminToken, '/api/v1/log-sources', { method: 'POST', body: JSON.stringify({ organizationId: 'moritzburg', name: 'Wird widerrufen' }) });
    await ui.logIn('admin');
    await ui.menu('Logquellen').click();
    ui.page.once('dialog', (dialog) => void dialog.accept());
    await ui.page.locator(`#revoke-${created.source.id}`).click();
    await ui.page.locator(`#log-source-${created.source.id} .source-state`).filter({ hasText: 'widerrufen' }).waitFor();
    const response = await fetch(`${ui.demo.baseUrl}/api/v1/ingest`, { method: 'POST', headers: { Authorization: `Bearer ${created.token}` }, body: '{"message":"x"}\n' });
    expect(response.status).to.equal(401);
    expect(ui.problems).to.deep.equal([]);
  });

  it('adds an organisation under its county with networks, contacts and § 16, and lists it in the hierarchy', async () => {
    await ui.logIn('admin');
    await ui.menu('Organisationen').click();
    await ui.page.locator('#organisation-table').waitFor();
    expect(await ui.page.locator('#organisation-table').textContent()).to.contain('§ 17 (nicht-staatlich)');
    await screenshot(ui.page, 'admin-organisations-1280');
    await ui.page.locator('#organisation-new').click();
    await ui.page.getByLabel('Kennung').fill('weinboehla');
    await ui.page.locator('#org-name').fill('Gemeinde Weinböhla');
    await ui.page.getByLabel('Übergeordnet').selectOption('lk-meissen');
    await ui.page.getByLabel('Meldepflicht').selectOption({ label: '§ 16 (Land)' });
    await ui.page.getByLabel('Netze').fill('10.54.0.0/16\nnot-a-network');
    await ui.page.getByLabel('Domains').fill('weinboehla.example');
    await ui.page.locator('#org-isb-name').fill('Anna Berger');
    await ui.page.locator('#org-isb-email').fill('isb@weinboehla.example');
    await ui.page.locator('#org-isb-phone').fill('+49 35243 000');
    await ui.page.locator('#org-isb_deputy-name').fill('Jonas Keller');
    await ui.page.locator('#org-isb_deputy-email').fill('vertretung@weinboehla.example');
    await ui.page.locator('#org-critical').check();
    await ui.page.locator('#organisation-save').click();
    // Every validation problem is listed with its field, here the bad second network.
    expect(await ui.page.locator('.problem-list').textContent()).to.contain('networks');
    await screenshot(ui.page, 'admin-organisation-form-1280');

    await ui.page.getByLabel('Netze').fill('10.54.0.0/16\n10.55.0.0/24');
    await ui.page.locator('#organisation-save').click();
    await ui.page.locator('#organisation-saved').waitFor();
    expect(ui.page.url()).to.match(/#\/admin\/organisations\/weinboehla$/);

    const adminToken = await ui.demo.token('admin');
    const stored = await ui.demo.api<{ parentId: string; networks: string[]; contacts: { role: string; email: string }[]; reportingRegime: string; critical: boolean }>(adminToken, '/api/v1/organisations/weinboehla');
    expect(stored).to.deep.include({ parentId: 'lk-meissen', networks: ['10.54.0.0/16', '10.55.0.0/24'], reportingRegime: 'section16', critical: true });
    expect(stored.contacts.map((contact) => contact.role)).to.deep.equal(['isb', 'isb_deputy']);

    await ui.menu('Organisationen').click();
    const row = ui.page.locator('#organisation-table tr', { has: ui.page.locator('#organisation-link-weinboehla') });
    await row.waitFor();
    expect(await row.getAttribute('data-depth')).to.equal('1');
    expect(await row.textContent()).to.contain('§ 16 (Land)');
    expect(await row.textContent()).to.contain('Anna Berger');
    expect(ui.problems).to.deep.equal([]);
  });

  it('creates a user with a one-time password, disables and enables them, and sets a password', async () => {
    await ui.logIn('admin');
    await ui.menu('Benutzer').click();
    await ui.page.locator('#user-table').waitFor();
    await ui.page.locator('#user-username').fill('isb.moritzburg');
    await ui.page.locator('#user-display-name').fill('Michael Schulz');
    await ui.page.locator('#user-email').fill('isb@moritzburg.example');
    await ui.page.locator('#user-role').selectOption('officer');
    await ui.page.locator('#user-organisation').selectOption('moritzburg');
    await ui.page.locator('#user-create').click();
    await ui.page.locator('#one-time-password').waitFor();
    const oneTime = await ui.page.locator('#one-time-password code').textContent();
    expect(oneTime?.length).to.be.at.least(12);

    const adminToken = await ui.demo.token('admin');
    const users = await ui.demo.api<{ items: { id: string; username: string; role: string; organizationId: string; disabled: boolean }[] }>(adminToken, '/api/v1/users');
    const user = users.items.find((entry) => entry.username === 'isb.moritzburg')!;
    expect(user).to.deep.include({ role: 'officer', organizationId: 'moritzburg', disabled: false });

    await ui.page.locator(`#user-toggle-${user.id}`).click();
    await ui.page.locator(`#user-row-${user.id} .user-state`).filter({ hasText: 'gesperrt' }).waitFor();
    const login = await fetch(`${ui.demo.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'isb.moritzburg', password: oneTime }) });
    expect(login.status).to.not.equal(200);
    await ui.page.locator(`#user-toggle-${user.id}`).click();
    await ui.page.locator(`#user-row-${user.id} .user-state`).filter({ hasText: 'muss Passwort ändern' }).waitFor();

    await ui.page.locator(`#user-row-${user.id} summary`).click();
    await ui.page.locator(`#password-${user.id}`).fill('ein-neues-sicheres-passwort');
    await ui.page.locator(`#password-save-${user.id}`).click();
    await ui.page.locator('.feedback .notice-ok').filter({ hasText: 'Passwort für isb.moritzburg gesetzt' }).waitFor();
    const relogin = await fetch(`${ui.demo.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'isb.moritzburg', password: 'ein-neues-sicheres-passwort' }) });
    expect(relogin.status).to.equal(200);
    await screenshot(ui.page, 'admin-users-1280');
    expect(ui.problems).to.deep.equal([]);
  });

  it('keeps the admin pages out of an analyst\'s menu and reach', async () => {
    await ui.logIn('analyst');
    expect(await ui.menu('Benutzer').count()).to.equal(0);
    await ui.page.goto(`${ui.demo.baseUrl}/#/admin/log-sources`);
    await ui.page.locator('main').filter({ hasText: 'Für Ihre Rolle' }).waitFor();
    expect(await ui.page.locator('#log-source-form').count()).to.equal(0);
  });

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    it(`fits the admin and rule pages into ${viewport.width}×${viewport.height} without sideways scrolling`, async () => {
      await ui.openPage(viewport);
      await ui.logIn('admin');
      const pages = [
        { hash: '#/admin/organisations', ready: '#organisation-table', name: 'admin-organisations' },
        { hash: '#/admin/organisations/radebeul', ready: '#organisation-form', name: 'admin-organisation-edit' },
        { hash: '#/admin/users', ready: '#user-table', name: 'admin-users' },
        { hash: '#/admin/log-sources', ready: '#ingest-example', name: 'admin-log-sources' },
        { hash: '#/rules', ready: '#rule-table', name: 'rules' },
        { hash: '#/rules/test', ready: '#rule-yaml', name: 'rule-test' },
      ];
      for (const entry of pages) {
        await ui.page.goto(`${ui.demo.baseUrl}/${entry.hash}`);
        await ui.page.locator(entry.ready).waitFor();
        expect(await horizontalOverflow(ui.page), entry.hash).to.equal(0);
        await screenshot(ui.page, `${entry.name}-${viewport.width}`);
      }
      expect(ui.problems).to.deep.equal([]);
    });
  }
});
