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
