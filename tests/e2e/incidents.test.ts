import path from 'node:path';
import { expect } from 'chai';
import { horizontalOverflow, screenshot } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { FAILED_LOGIN_MORITZBURG, ROOT_LOGIN_WITH_MARKUP, XSS_IMG, XSS_SCRIPT } from './syslog-lines.js';
import { useBrowserSuite } from './browser-suite.js';

interface IncidentSummary {
  id: string;
  title: string;
  status: string;
  organizationIds: string[];
  ruleId: string;
}

describe('e2e > ui > incidents', function () {
  this.timeout(60_000);
  let rootIncident: IncidentSummary;
  const ui = useBrowserSuite({
    rulesDir: path.resolve('tests/fixtures/e2e/rules'),
    seed: async (demo) => {
      for (const { line, peer } of [ROOT_LOGIN_WITH_MARKUP, FAILED_LOGIN_MORITZBURG]) demo.service.collector!.accept(line, { transport: 'tcp', peerAddress: peer });
      const token = await demo.token('analyst');
      rootIncident = await eventually(
        async () => (await demo.api<{ items: IncidentSummary[] }>(token, '/api/v1/incidents?organization=radebeul')).items[0],
        20_000,
        'the incident of the root login',
      );
      await eventually(async () => ((await demo.api<{ total: number }>(token, '/api/v1/incidents?organization=moritzburg')).total > 0 ? true : undefined), 20_000, 'the Moritzburg incident');
    },
  });

  async function openQueue(): Promise<void> {
    await ui.menu('Vorfälle').click();
    await ui.page.locator('.incident-table').waitFor();
  }

  it('shows the login form in German first, and a wrong password as an error', async () => {
    await ui.page.goto(`${ui.demo.baseUrl}/`);
    expect(await ui.page.locator('h1').textContent()).to.equal('Anmeldung');
    await ui.page.getByLabel('Benutzername').fill('analyst');
    await ui.page.getByLabel('Passwort').fill('not-the-password');
    await ui.page.getByRole('button', { name: 'Anmelden' }).click();
    await ui.page.getByRole('alert').waitFor();
    expect(await ui.page.getByRole('alert').textContent()).to.equal('Benutzername oder Passwort ist falsch.');
    await screenshot(ui.page, 'login-1280');
    expect(ui.problems).to.deep.equal([]);
  });

  it('logs the analyst in and lists the incidents with severity, organisation, status and TLP', async () => {
    await ui.logIn('analyst');
    expect(ui.page.url()).to.match(/#\/dashboard$/);
    await ui.page.locator('.chart-svg').first().waitFor();
    await screenshot(ui.page, 'dashboard-1280');
    await openQueue();
    const row = ui.page.locator(`tr[data-incident-id="${rootIncident.id}"]`);
    await row.waitFor();
    expect(await row.locator('.col-organisations').textContent()).to.contain('Große Kreisstadt Radebeul');
    expect(await row.locator('.col-status').textContent()).to.contain('Neu');
    expect(await row.locator('.tlp').textContent()).to.match(/^TLP:/);
    expect(await ui.page.locator('tr.incident-row').count()).to.be.at.least(2);
    await screenshot(ui.page, 'incidents-1280');
    expect(ui.problems).to.deep.equal([]);
  });

  it('opens an incident, shows its event as text and moves it through the state machine', async () => {
    await ui.logIn('analyst');
    await openQueue();
    await ui.page.locator(`#incident-link-${rootIncident.id}`).click();
    await ui.page.locator('.event-original').first().waitFor();
    expect(await ui.page.locator('.event-original').first().textContent()).to.contain(`ssh2 ${XSS_IMG} ${XSS_SCRIPT}`);
    await screenshot(ui.page, 'incident-detail-1280');

    await ui.page.locator('#status-acknowledged').click();
    await ui.page.locator('.badges .status-acknowledged').waitFor();
    await ui.page.locator('#status-investigating').click();
    await ui.page.locator('.badges .status-investigating').waitFor();
    await ui.page.locator('#assign-to-me').click();
    await ui.page.locator('#unassign').waitFor();

    const token = await ui.demo.token('analyst');
    const stored = await ui.demo.api<{ incident: { status: string; assignee: string | null } }>(token, `/api/v1/incidents/${rootIncident.id}`);
    expect(stored.incident.status).to.equal('investigating');
    expect(stored.incident.assignee).to.not.equal(null);
    expect(await ui.page.locator('.timeline li').count()).to.be.at.least(2);
    expect(ui.problems).to.deep.equal([]);
  });

  it('renders markup from a log line as text and runs none of it', async () => {
    await ui.logIn('analyst');
    await ui.page.goto(`${ui.demo.baseUrl}/#/incidents/${encodeURIComponent(rootIncident.id)}`);
    await ui.page.locator('.event-original').first().waitFor();
    expect(await ui.page.locator('.event-original').first().innerText()).to.contain(XSS_SCRIPT);
    expect(await ui.page.locator('img[src="x"]').count()).to.equal(0);
    expect(await ui.page.locator('main script').count()).to.equal(0);
    expect(await ui.page.evaluate('typeof window.__xss')).to.equal('undefined');
    expect(ui.problems).to.deep.equal([]);
  });

  it('renders markup in a comment as text and runs none of it', async () => {
    const payload = `Bitte prüfen ${XSS_IMG} ${XSS_SCRIPT} <a href="javascript:window.__xss=1">hier</a>`;
    await ui.logIn('analyst');
    await ui.page.goto(`${ui.demo.baseUrl}/#/incidents/${encodeURIComponent(rootIncident.id)}`);
    await ui.page.locator('.event-original').first().waitFor();
    await ui.page.getByLabel('Neuer Kommentar').fill(payload);
    await ui.page.locator('#comment-submit').click();
    await ui.page.locator('.comment-body').last().waitFor();
    expect(await ui.page.locator('.comment-body').last().textContent()).to.equal(payload);
    expect(await ui.page.locator('main img, main script, .comment-body a').count()).to.equal(0);
    expect(await ui.page.evaluate('typeof window.__xss')).to.equal('undefined');
    await ui.page.reload();
    await ui.page.locator('.comment-body').last().waitFor();
    expect(await ui.page.locator('.comment-body').last().textContent()).to.equal(payload);
    expect(await ui.page.evaluate('typeof window.__xss')).to.equal('undefined');
    expect(ui.problems).to.deep.equal([]);
  });

  it('refuses to build a javascript: link or an inline handler', async () => {
    await ui.page.goto(`${ui.demo.baseUrl}/`);
    const outcome = await ui.page.evaluate(`import('/h.js').then((dom) => {
      const attempt = (build) => { try { build(); return 'built'; } catch { return 'refused'; } };
      return [
        attempt(() => dom.h('a', { href: 'javascript:window.__xss=1' })),
        attempt(() => dom.h('img', { src: 'x', onerror: 'window.__xss=1' })),
        attempt(() => dom.h('div', { style: 'color: red' })),
        attempt(() => dom.h('a', { href: '#/incidents' })),
      ];
    })`);
    expect(outcome).to.deep.equal(['refused', 'refused', 'refused', 'built']);
  });

  it('keeps the session across a reload through the refresh cookie', async () => {
    await ui.logIn('analyst');
    await openQueue();
    await ui.page.reload();
    await ui.page.locator('.incident-table').waitFor();
    expect(ui.page.url()).to.match(/#\/incidents$/);
    await ui.page.locator('#logout').click();
    await ui.page.getByLabel('Benutzername').waitFor();
    await ui.page.reload();
    await ui.page.getByLabel('Benutzername').waitFor();
    expect(await ui.page.locator('#logout').count()).to.equal(0);
  });

  it('switches to English and remembers the choice', async () => {
    await ui.logIn('analyst');
    await openQueue();
    await ui.page.locator('#language-switch').click();
    await ui.page.getByRole('heading', { name: 'Incidents' }).waitFor();
    expect(await ui.page.locator('html').getAttribute('lang')).to.equal('en');
    await ui.page.reload();
    await ui.page.getByRole('heading', { name: 'Incidents' }).waitFor();
    expect(await ui.page.locator('.tlp').first().textContent()).to.match(/^TLP:/);
  });

  it('fits the queue into 1280×800 and a 390×844 phone without sideways scrolling', async () => {
    await ui.logIn('analyst');
    await openQueue();
    await ui.page.locator('tr.incident-row').first().waitFor();
    expect(await horizontalOverflow(ui.page)).to.equal(0);
    await ui.page.setViewportSize({ width: 390, height: 844 });
    await ui.page.locator('tr.incident-row').first().waitFor();
    expect(await horizontalOverflow(ui.page)).to.equal(0);
    expect(await ui.page.locator(`#incident-link-${rootIncident.id}`).isVisible()).to.equal(true);
    await screenshot(ui.page, 'incidents-390');
    await ui.page.locator(`#incident-link-${rootIncident.id}`).click();
    await ui.page.locator('.event-original').first().waitFor();
    expect(await horizontalOverflow(ui.page)).to.equal(0);
    await screenshot(ui.page, 'incident-detail-390');
  });

  it('shows an officer only the incidents of their own organisation, without the dashboard', async () => {
    await ui.logIn('officer');
    expect(ui.page.url()).to.match(/#\/incidents$/);
    await ui.page.locator('tr.incident-row').first().waitFor();
    expect(await ui.page.locator(`tr[data-incident-id="${rootIncident.id}"]`).count()).to.equal(1);
    const organisations = await ui.page.locator('td.col-organisations').allTextContents();
    expect(organisations.every((text) => text.includes('Radebeul'))).to.equal(true);
    expect(await ui.menu('Übersicht').count()).to.equal(0);
    await screenshot(ui.page, 'incidents-officer-1280');
  });

  it('gives a recipient no incident views', async () => {
    await ui.logIn('recipient');
    expect(await ui.menu('Vorfälle').count()).to.equal(0);
    expect(await ui.menu('Übersicht').count()).to.equal(0);
    await ui.page.goto(`${ui.demo.baseUrl}/#/incidents/${encodeURIComponent(rootIncident.id)}`);
    await ui.page.locator('main h1').waitFor();
    expect(await ui.page.locator('.event-original').count()).to.equal(0);
    expect(await ui.page.locator('main').textContent()).to.contain('Für Ihre Rolle');
  });
});
