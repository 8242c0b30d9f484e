import path from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildUi, collectPageProblems, horizontalOverflow, launchBrowser, screenshot } from '../support/browser.js';
import { DEMO_PASSWORD, eventually, startDemoService, type DemoService } from './demo-service.js';
import { FAILED_LOGIN_MORITZBURG, ROOT_LOGIN_WITH_MARKUP, XSS_IMG, XSS_SCRIPT } from './syslog-lines.js';

interface IncidentSummary {
  id: string;
  title: string;
  status: string;
  organizationIds: string[];
  ruleId: string;
}

describe('e2e > ui > incidents', function () {
  this.timeout(60_000);
  let browser: Browser;
  let demo: DemoService;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let rootIncident: IncidentSummary;

  before(async function () {
    this.timeout(180_000);
    browser = await launchBrowser(this);
    buildUi();
    demo = await startDemoService({ rulesDir: path.resolve('tests/fixtures/e2e/rules') });
    for (const { line, peer } of [ROOT_LOGIN_WITH_MARKUP, FAILED_LOGIN_MORITZBURG]) demo.service.collector!.accept(line, { transport: 'tcp', peerAddress: peer });
    const token = await demo.token('analyst');
    rootIncident = await eventually(
      async () => (await demo.api<{ items: IncidentSummary[] }>(token, '/api/v1/incidents?organization=radebeul')).items[0],
      20_000,
      'the incident of the root login',
    );
    await eventually(async () => ((await demo.api<{ total: number }>(token, '/api/v1/incidents?organization=moritzburg')).total > 0 ? true : undefined), 20_000, 'the Moritzburg incident');
  });

  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' });
    page = await context.newPage();
    problems = collectPageProblems(page);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await screenshot(page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
    await context?.close();
  });

  async function logIn(username: string): Promise<void> {
    await page.goto(`${demo.baseUrl}/`);
    await page.getByLabel('Benutzername').fill(username);
    await page.getByLabel('Passwort').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.locator('#logout').waitFor();
  }

  const menu = (label: string) => page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: label, exact: true });

  async function openQueue(): Promise<void> {
    await menu('Vorfälle').click();
    await page.locator('.incident-table').waitFor();
  }

  it('shows the login form in German first, and a wrong password as an error', async () => {
    await page.goto(`${demo.baseUrl}/`);
    expect(await page.locator('h1').textContent()).to.equal('Anmeldung');
    await page.getByLabel('Benutzername').fill('analyst');
    await page.getByLabel('Passwort').fill('not-the-password');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).to.equal('Benutzername oder Passwort ist falsch.');
    await screenshot(page, 'login-1280');
    expect(problems).to.deep.equal([]);
  });

  it('logs the analyst in and lists the incidents with severity, organisation, status and TLP', async () => {
    await logIn('analyst');
    expect(page.url()).to.match(/#\/dashboard$/);
    await page.locator('.chart-svg').first().waitFor();
    await screenshot(page, 'dashboard-1280');
    await openQueue();
    const row = page.locator(`tr[data-incident-id="${rootIncident.id}"]`);
    await row.waitFor();
    expect(await row.locator('.col-organisations').textContent()).to.contain('Große Kreisstadt Radebeul');
    expect(await row.locator('.col-status').textContent()).to.contain('Neu');
    expect(await row.locator('.tlp').textContent()).to.match(/^TLP:/);
    expect(await page.locator('tr.incident-row').count()).to.be.at.least(2);
    await screenshot(page, 'incidents-1280');
    expect(problems).to.deep.equal([]);
  });

  it('opens an incident, shows its event as text and moves it through the state machine', async () => {
    await logIn('analyst');
    await openQueue();
    await page.locator(`#incident-link-${rootIncident.id}`).click();
    await page.locator('.event-original').first().waitFor();
    expect(await page.locator('.event-original').first().textContent()).to.contain(`ssh2 ${XSS_IMG} ${XSS_SCRIPT}`);
    await screenshot(page, 'incident-detail-1280');

    await page.locator('#status-acknowledged').click();
    await page.locator('.badges .status-acknowledged').waitFor();
    await page.locator('#status-investigating').click();
    await page.locator('.badges .status-investigating').waitFor();
    await page.locator('#assign-to-me').click();
    await page.locator('#unassign').waitFor();

    const token = await demo.token('analyst');
    const stored = await demo.api<{ incident: { status: string; assignee: string | null } }>(token, `/api/v1/incidents/${rootIncident.id}`);
    expect(stored.incident.status).to.equal('investigating');
    expect(stored.incident.assignee).to.not.equal(null);
    expect(await page.locator('.timeline li').count()).to.be.at.least(2);
    expect(problems).to.deep.equal([]);
  });

  it('renders markup from a log line as text and runs none of it', async () => {
    await logIn('analyst');
    await page.goto(`${demo.baseUrl}/#/incidents/${encodeURIComponent(rootIncident.id)}`);
    await page.locator('.event-original').first().waitFor();
    expect(await page.locator('.event-original').first().innerText()).to.contain(XSS_SCRIPT);
    expect(await page.locator('img[src="x"]').count()).to.equal(0);
    expect(await page.locator('main script').count()).to.equal(0);
    expect(await page.evaluate('typeof window.__xss')).to.equal('undefined');
    expect(problems).to.deep.equal([]);
  });

  it('renders markup in a comment as text and runs none of it', async () => {
    const payload = `Bitte prüfen ${XSS_IMG} ${XSS_SCRIPT} <a href="javascript:window.__xss=1">hier</a>`;
    await logIn('analyst');
    await page.goto(`${demo.baseUrl}/#/incidents/${encodeURIComponent(rootIncident.id)}`);
    await page.locator('.event-original').first().waitFor();
    await page.getByLabel('Neuer Kommentar').fill(payload);
    await page.locator('#comment-submit').click();
    await page.locator('.comment-body').last().waitFor();
    expect(await page.locator('.comment-body').last().textContent()).to.equal(payload);
    expect(await page.locator('main img, main script, .comment-body a').count()).to.equal(0);
    expect(await page.evaluate('typeof window.__xss')).to.equal('undefined');
    await page.reload();
    await page.locator('.comment-body').last().waitFor();
    expect(await page.locator('.comment-body').last().textContent()).to.equal(payload);
    expect(await page.evaluate('typeof window.__xss')).to.equal('undefined');
    expect(problems).to.deep.equal([]);
  });

  it('refuses to build a javascript: link or an inline handler', async () => {
    await page.goto(`${demo.baseUrl}/`);
    const outcome = await page.evaluate(`import('/h.js').then((dom) => {
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
    await logIn('analyst');
    await openQueue();
    await page.reload();
    await page.locator('.incident-table').waitFor();
    expect(page.url()).to.match(/#\/incidents$/);
    await page.locator('#logout').click();
    await page.getByLabel('Benutzername').waitFor();
    await page.reload();
    await page.getByLabel('Benutzername').waitFor();
    expect(await page.locator('#logout').count()).to.equal(0);
  });

  it('switches to English and remembers the choice', async () => {
    await logIn('analyst');
    await openQueue();
    await page.locator('#language-switch').click();
    await page.getByRole('heading', { name: 'Incidents' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).to.equal('en');
    await page.reload();
    await page.getByRole('heading', { name: 'Incidents' }).waitFor();
    expect(await page.locator('.tlp').first().textContent()).to.match(/^TLP:/);
  });

  it('fits the queue into 1280×800 and a 390×844 phone without sideways scrolling', async () => {
    await logIn('analyst');
    await openQueue();
    await page.locator('tr.incident-row').first().waitFor();
    expect(await horizontalOverflow(page)).to.equal(0);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('tr.incident-row').first().waitFor();
    expect(await horizontalOverflow(page)).to.equal(0);
    expect(await page.locator(`#incident-link-${rootIncident.id}`).isVisible()).to.equal(true);
    await screenshot(page, 'incidents-390');
    await page.locator(`#incident-link-${rootIncident.id}`).click();
    await page.locator('.event-original').first().waitFor();
    expect(await horizontalOverflow(page)).to.equal(0);
    await screenshot(page, 'incident-detail-390');
  });

  it('shows an officer only the incidents of their own organisation, without the dashboard', async () => {
    await logIn('officer');
    expect(page.url()).to.match(/#\/incidents$/);
    await page.locator('tr.incident-row').first().waitFor();
    expect(await page.locator(`tr[data-incident-id="${rootIncident.id}"]`).count()).to.equal(1);
    const organisations = await page.locator('td.col-organisations').allTextContents();
    expect(organisations.every((text) => text.includes('Radebeul'))).to.equal(true);
    expect(await menu('Übersicht').count()).to.equal(0);
    await screenshot(page, 'incidents-officer-1280');
  });

  it('gives a recipient no incident views', async () => {
    await logIn('recipient');
    expect(await menu('Vorfälle').count()).to.equal(0);
    expect(await menu('Übersicht').count()).to.equal(0);
    await page.goto(`${demo.baseUrl}/#/incidents/${encodeURIComponent(rootIncident.id)}`);
    await page.locator('main h1').waitFor();
    expect(await page.locator('.event-original').count()).to.equal(0);
    expect(await page.locator('main').textContent()).to.contain('Für Ihre Rolle');
  });
});
