import path from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildUi, collectPageProblems, horizontalOverflow, launchBrowser, screenshot } from '../support/browser.js';
import { DEMO_PASSWORD, eventually, startDemoService, type DemoService } from './demo-service.js';
import { ROOT_LOGIN_WITH_MARKUP, XSS_IMG, XSS_SCRIPT } from './syslog-lines.js';

interface Obligation {
  id: string;
  organizationId: string;
  deadlines: { phase: string; state: string; reportId: string | null }[];
}

describe('e2e > ui > reporting', function () {
  this.timeout(90_000);
  let browser: Browser;
  let demo: DemoService;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let incidentId: string;
  let reportId: string;
  const description = `Anmeldung als root am Bürgerportal. ${XSS_IMG} ${XSS_SCRIPT}`;

  before(async function () {
    this.timeout(180_000);
    browser = await launchBrowser(this);
    buildUi();
    demo = await startDemoService({ rulesDir: path.resolve('tests/fixtures/e2e/rules') });
    demo.service.collector!.accept(ROOT_LOGIN_WITH_MARKUP.line, { transport: 'tcp', peerAddress: ROOT_LOGIN_WITH_MARKUP.peer });
    const token = await demo.token('analyst');
    incidentId = await eventually(async () => (await demo.api<{ items: { id: string }[] }>(token, '/api/v1/incidents?organization=radebeul')).items[0]?.id, 20_000, 'the Radebeul incident');
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

  it('lets the analyst triage the incident and request a report from Radebeul', async () => {
    await logIn('analyst');
    await page.goto(`${demo.baseUrl}/#/incidents/${encodeURIComponent(incidentId)}`);
    await page.locator('#status-acknowledged').click();
    await page.locator('.page-incident .status').filter({ hasText: 'Angenommen' }).waitFor();
    await page.locator('#report-organisation').selectOption('radebeul');
    await page.locator('#request-report').click();
    await page.locator('.obligation-list .deadline').first().waitFor();
    expect(await page.locator('.obligation-list .deadline-phase').allTextContents()).to.include.members(['Erstmeldung', 'Meldung', 'Abschlussmeldung']);
    expect(await page.locator('.obligation-list .deadline-due').count()).to.be.greaterThan(0);
    await screenshot(page, 'incident-request-report-1280');

    const token = await demo.token('analyst');
    const obligations = await demo.api<{ items: Obligation[] }>(token, `/api/v1/report-obligations?incident=${encodeURIComponent(incidentId)}`);
    expect(obligations.items.map((obligation) => obligation.organizationId)).to.deep.equal(['radebeul']);
    const incident = await demo.api<{ incident: { status: string } }>(token, `/api/v1/incidents/${encodeURIComponent(incidentId)}`);
    expect(incident.incident.status).to.equal('acknowledged');
    expect(problems).to.deep.equal([]);
  });

  it('lets the officer file the early warning: autosaved draft, submit, version 1, text shown as text', async () => {
    await logIn('officer');
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Meldepflichten', exact: true }).click();
    const start = page.locator('button[data-phase="early_warning"]').first();
    await start.waitFor();
    expect(await page.locator('.obligation .countdown[data-due]').first().textContent()).to.match(/^noch \d+ h \d+ min$/);
    await screenshot(page, 'obligations-officer-1280');
    await start.click();
    await page.locator('#report-reporter-name').waitFor();
    reportId = decodeURIComponent(page.url().split('#/reports/')[1]!);

    await page.locator('#report-reporter-name').fill('Erika Muster');
    await page.locator('#report-reporter-email').fill('erika.muster@radebeul.example');
    await page.locator('#report-isbContact-name').fill('Max Sicher');
    await page.locator('#report-isbContact-email').fill('isb@radebeul.example');
    await page.locator('#report-tier').selectOption('sicherheitsvorfall');
    await page.locator('#report-categories-intrusion').check();
    await page.locator('#report-description').fill(description);
    await page.locator('#report-personalData-affected').check();
    await page.locator('#save-state').filter({ hasText: 'Entwurf gespeichert' }).waitFor();
    const officer = await demo.token('officer');
    const draft = await demo.api<{ report: { draft: { description?: string } } }>(officer, `/api/v1/reports/${encodeURIComponent(reportId)}`);
    expect(draft.report.draft.description).to.equal(description);

    await page.locator('#report-submit').click();
    await page.locator('#submit-result.notice-ok').waitFor();
    expect(await page.locator('#submit-result').textContent()).to.equal('Eingereicht als Fassung 1.');
    await page.locator('#gdpr-duty').waitFor();
    expect(await page.locator('.deadline[data-phase="early_warning"] .deadline-state').first().textContent()).to.equal('eingereicht');
    await page.locator('.versions li[data-version="1"] summary').click();
    expect(await page.locator('.versions [data-field="description"]').textContent()).to.equal(description);
    expect(await page.locator('main img, main script').count()).to.equal(0);
    expect(await page.evaluate('typeof window.__xss')).to.equal('undefined');
    await screenshot(page, 'report-early-warning-1280');

    const detail = await demo.api<{ versions: { version: number; content: { description: string } }[]; dataProtection: unknown }>(officer, `/api/v1/reports/${encodeURIComponent(reportId)}`);
    expect(detail.versions.map((version) => version.version)).to.deep.equal([1]);
    expect(detail.versions[0]!.content.description).to.equal(description);
    expect(detail.dataProtection).to.not.equal(null);
    expect(problems).to.deep.equal([]);
  });

  it('shows the analyst the report as text in the inbox and lets them acknowledge and classify it', async () => {
    await logIn('analyst');
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Meldungen', exact: true }).click();
    await page.locator(`#report-link-${reportId}`).click();
    await page.locator('#report-acknowledge').waitFor();
    expect(await page.locator('.report-view [data-field="description"]').first().textContent()).to.equal(description);
    expect(await page.locator('main img, main script').count()).to.equal(0);
    await page.locator('#report-acknowledge').click();
    await page.locator('.page-report .tag').filter({ hasText: 'Eingang bestätigt' }).waitFor();
    await page.locator('#cert-tier').selectOption('erheblicher_sicherheitsvorfall');
    await page.locator('#classify-form button').click();
    await page.locator('.page-report .tag').filter({ hasText: 'Erheblicher' }).waitFor();
    await screenshot(page, 'report-analyst-1280');
    const token = await demo.token('analyst');
    const detail = await demo.api<{ report: { acknowledgedAt: string | null; certTier: string | null } }>(token, `/api/v1/reports/${encodeURIComponent(reportId)}`);
    expect(detail.report.acknowledgedAt).to.be.a('string');
    expect(detail.report.certTier).to.equal('erheblicher_sicherheitsvorfall');
    expect(problems).to.deep.equal([]);
  });

  it('fits the obligations and the report form into a 390×844 phone without sideways scrolling', async () => {
    await context.close();
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'de-DE' });
    page = await context.newPage();
    await logIn('officer');
    await page.goto(`${demo.baseUrl}/#/obligations`);
    await page.locator('.obligation .deadline').first().waitFor();
    expect(await horizontalOverflow(page)).to.equal(0);
    await screenshot(page, 'obligations-officer-390');
    await page.goto(`${demo.baseUrl}/#/reports/${encodeURIComponent(reportId)}`);
    await page.locator('#report-description').waitFor();
    expect(await horizontalOverflow(page)).to.equal(0);
    await screenshot(page, 'report-form-390');
  });
  it('lets the analyst select incidents in the queue and assign them to themselves in one go', async () => {
    await logIn('analyst');
    await page.goto(`${demo.baseUrl}/#/incidents`);
    await page.locator(`#select-${incidentId}`).check();
    expect(await page.locator('.bulk-bar').textContent()).to.contain('1 ausgewählt');
    await page.locator('#bulk-assign').click();
    await page.locator('.bulk-bar').filter({ hasText: '1 geändert, 0 nicht möglich.' }).waitFor();
    const token = await demo.token('analyst');
    const me = await demo.api<{ id: string }>(token, '/api/v1/auth/me');
    const incident = await demo.api<{ incident: { assignee: string | null } }>(token, `/api/v1/incidents/${encodeURIComponent(incidentId)}`);
    expect(incident.incident.assignee).to.equal(me.id);
    expect(problems).to.deep.equal([]);
  });
});
