import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildUi, collectPageProblems, horizontalOverflow, launchBrowser, screenshot } from '../support/browser.js';
import { DEMO_PASSWORD, startDemoService, type DemoService } from './demo-service.js';
import { XSS_IMG, XSS_SCRIPT } from './syslog-lines.js';

describe('e2e > ui > warnings', function () {
  this.timeout(60_000);
  let browser: Browser;
  let demo: DemoService;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let warningId: string;
  const summary = `Aktiv ausgenutzte Schwachstelle im Bürgerportal. ${XSS_IMG} ${XSS_SCRIPT}`;

  before(async function () {
    this.timeout(180_000);
    browser = await launchBrowser(this);
    buildUi();
    demo = await startDemoService();
    const analyst = await demo.token('analyst');
    const draft = await demo.api<{ id: string }>(analyst, '/api/v1/warnings', {
      method: 'POST',
      body: JSON.stringify({
        title: 'Kritische Lücke im Bürgerportal',
        summary,
        severity: 'hoch',
        tlp: 'TLP:AMBER',
        audience: { kind: 'organisations', organizationIds: ['radebeul'] },
        measures: ['Update auf Version 2.4.58 einspielen', 'Zugriffe aus dem Internet bis dahin sperren'],
      }),
    });
    warningId = draft.id;
    await demo.api(analyst, `/api/v1/warnings/${warningId}/publish`, { method: 'POST' });
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

  it('lets a recipient read a warning as text and acknowledge it for their organisation', async () => {
    await logIn('recipient');
    expect(page.url()).to.match(/#\/warnings$/);
    await page.locator(`#warning-link-${warningId}`).click();
    await page.locator('#acknowledge').waitFor();
    expect(await page.locator('.page-warning .prose').first().textContent()).to.equal(summary);
    expect(await page.locator('main img, main script').count()).to.equal(0);
    expect(await page.evaluate('typeof window.__xss')).to.equal('undefined');
    await screenshot(page, 'warning-recipient-1280');
    await page.locator('#acknowledge').click();
    await page.locator('.acknowledgement .notice-ok').waitFor();
    expect(await page.locator('.acknowledgement').textContent()).to.contain('Bestätigt am');

    const analyst = await demo.token('analyst');
    const detail = await demo.api<{ deliveries: { organizationId: string; acknowledgedAt: string | null }[] }>(analyst, `/api/v1/warnings/${warningId}`);
    expect(detail.deliveries.find((delivery) => delivery.organizationId === 'radebeul')?.acknowledgedAt).to.be.a('string');
    expect(problems).to.deep.equal([]);
  });

  it('shows the analyst who has read and acknowledged', async () => {
    await logIn('analyst');
    await page.goto(`${demo.baseUrl}/#/warnings/${encodeURIComponent(warningId)}`);
    await page.locator('#warning-deliveries').waitFor();
    expect(await page.locator('.plain-table tbody tr').first().textContent()).to.contain('Radebeul');
    await screenshot(page, 'warning-analyst-1280');
  });

  it('keeps another organisation\'s officer out of the warning', async () => {
    await logIn('officer2');
    await page.goto(`${demo.baseUrl}/#/warnings`);
    await page.locator('.page-warnings h1').waitFor();
    await page.locator('.page-warnings .empty, .page-warnings table').first().waitFor();
    expect(await page.locator(`#warning-link-${warningId}`).count()).to.equal(0);
  });

  it('lets the analyst compose a warning to a county and publish it, and a municipality in it acknowledges', async () => {
    await logIn('analyst');
    await page.goto(`${demo.baseUrl}/#/warnings/new`);
    await page.locator('#warning-title-input').fill('Phishing-Welle gegen Kreisverwaltungen');
    await page.locator('#warning-summary-input').fill('Gefälschte Rechnungsmails mit Makro-Anhang im Landkreis.');
    await page.locator('#warning-measures-input').fill('Makros aus dem Internet sperren\nMitarbeitende informieren');
    await page.locator('#warning-severity-input').selectOption('hoch');
    await page.locator('#warning-audience-input').selectOption('county');
    await page.locator('#warning-county-input').selectOption('lk-meissen');
    expect(await page.locator('#warning-approval-input').isChecked()).to.equal(false);
    await screenshot(page, 'warning-compose-1280');
    await page.locator('#warning-save').click();
    await page.locator('#warning-publish').waitFor();
    const composedId = decodeURIComponent(/#\/warnings\/([^/]+)$/.exec(page.url())![1]!);
    await page.locator('#warning-publish').click();
    await page.locator('#warning-csaf').waitFor();
    await page.locator('#warning-deliveries').waitFor();
    // The municipalities of the county receive it (Radebeul, Moritzburg, Großenhain in the demo).
    expect(await page.locator('.plain-table').last().textContent()).to.contain('Radebeul');
    await context.close();

    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' });
    page = await context.newPage();
    problems = collectPageProblems(page);
    await logIn('recipient');
    await page.locator(`#warning-link-${composedId}`).click();
    await page.locator('#acknowledge').click();
    await page.locator('.acknowledgement .notice-ok').waitFor();
    await screenshot(page, 'warning-county-acknowledged-1280');

    const analyst = await demo.token('analyst');
    const detail = await demo.api<{ warning: { status: string }; deliveries: { organizationId: string; acknowledgedAt: string | null }[] }>(analyst, `/api/v1/warnings/${composedId}`);
    expect(detail.warning.status).to.equal('published');
    expect(detail.deliveries.map((delivery) => delivery.organizationId)).to.have.members(['radebeul', 'moritzburg', 'grossenhain']);
    expect(detail.deliveries.find((delivery) => delivery.organizationId === 'radebeul')?.acknowledgedAt).to.be.a('string');
    expect(detail.deliveries.find((delivery) => delivery.organizationId === 'moritzburg')?.acknowledgedAt).to.equal(null);
    expect(problems).to.deep.equal([]);
  });

  it('fits the warning into a 390×844 phone without sideways scrolling', async () => {
    await context.close();
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'de-DE' });
    page = await context.newPage();
    await logIn('recipient');
    await page.locator(`#warning-link-${warningId}`).click();
    await page.locator('.acknowledgement').waitFor();
    expect(await horizontalOverflow(page)).to.equal(0);
    await screenshot(page, 'warning-recipient-390');
  });
});
