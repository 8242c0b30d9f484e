import path from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildUi, collectPageProblems, horizontalOverflow, launchBrowser, screenshot } from '../support/browser.js';
import { eventually, startDemoService, type DemoService } from './demo-service.js';
import { logIn, sshdLine } from './ui-session.js';

interface Detail {
  incident: { id: string; status: string; mergedInto?: string | null };
  allowedTransitions: string[];
  mergedSources: { id: string }[];
}

describe('e2e > ui > triage transitions and merge', function () {
  this.timeout(60_000);
  let browser: Browser;
  let demo: DemoService;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let target: string;
  let source: string;

  before(async function () {
    this.timeout(180_000);
    browser = await launchBrowser(this);
    buildUi();
    demo = await startDemoService({ rulesDir: path.resolve('tests/fixtures/e2e/rules') });
    // One incident per source address (the fixture rule): two attackers, two incidents at Radebeul.
    for (const address of ['198.51.100.61', '198.51.100.62'])
      demo.service.collector!.accept(sshdLine('portal.radebeul.example', `Failed password for invalid user verwaltung from ${address} port 41000 ssh2`), { transport: 'tcp', peerAddress: '10.51.0.10' });
    const token = await demo.token('analyst');
    const ids = await eventually(
      async () => {
        const page = await demo.api<{ items: { id: string; entity: string }[] }>(token, '/api/v1/incidents?organization=radebeul&sort=firstSeen&order=asc');
        return page.items.length >= 2 ? page.items.map((incident) => incident.id) : undefined;
      },
      20_000,
      'two incidents at Radebeul',
    );
    [target, source] = ids as [string, string];
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

  const detail = async (id: string) => demo.api<Detail>(await demo.token('analyst'), `/api/v1/incidents/${encodeURIComponent(id)}`);
  const shownTransitions = async () => (await page.locator('[data-status]').evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-status')))).sort();

  it('offers exactly the status buttons the server allows, after every change', async () => {
    await logIn(page, demo.baseUrl, 'analyst');
    await page.goto(`${demo.baseUrl}/#/incidents/${encodeURIComponent(target)}`);
    await page.locator('#status-heading').waitFor();
    for (const next of ['acknowledged', 'investigating', 'contained', 'resolved', 'closed', 'investigating']) {
      const allowed = (await detail(target)).allowedTransitions;
      expect(await shownTransitions(), `before ${next}`).to.deep.equal([...allowed].sort());
      await page.locator(`#status-${next}`).click();
      await page.locator(`.badges .status-${next}`).waitFor();
    }
    expect((await detail(target)).incident.status).to.equal('investigating');
    expect(await page.locator('#status-investigating').count()).to.equal(0);
    expect(await shownTransitions()).to.deep.equal([...(await detail(target)).allowedTransitions].sort());
    expect(problems).to.deep.equal([]);
  });

  it('merges an incident of the queue into this one; the source links to its target and takes no status', async () => {
    await logIn(page, demo.baseUrl, 'analyst');
    await page.goto(`${demo.baseUrl}/#/incidents/${encodeURIComponent(target)}`);
    await page.locator('#merge-search').fill('198.51.100.62');
    await page.locator('#merge-find').click();
    await page.locator(`[id="merge-candidate-${source}"]`).check();
    expect(await page.locator(`[id="merge-candidate-${target}"]`).count()).to.equal(0);
    await screenshot(page, 'incident-merge-candidates-1280');
    await page.locator('#merge-submit').click();
    await page.locator('#merged-sources').waitFor();
    expect(await page.locator('.feedback .notice-ok').textContent()).to.equal('Vorfälle zusammengeführt: 1.');
    expect(await page.locator('#merged-sources a').getAttribute('href')).to.equal(`#/incidents/${encodeURIComponent(source)}`);
    expect((await detail(target)).mergedSources.map((entry) => entry.id)).to.deep.equal([source]);

    await page.locator('#merged-sources a').click();
    await page.locator('#merged-into').waitFor();
    expect(await page.locator('#merged-into a').getAttribute('href')).to.equal(`#/incidents/${encodeURIComponent(target)}`);
    expect(await page.locator('[data-status]').count()).to.equal(0);
    expect(await page.locator('#merge-search').count()).to.equal(0);
    expect((await detail(source)).allowedTransitions).to.deep.equal([]);
    await screenshot(page, 'incident-merged-1280');
    await context.close();

    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'de-DE' });
    page = await context.newPage();
    problems = collectPageProblems(page);
    await logIn(page, demo.baseUrl, 'analyst');
    await page.goto(`${demo.baseUrl}/#/incidents/${encodeURIComponent(target)}`);
    await page.locator('#merged-sources').waitFor();
    expect(await horizontalOverflow(page)).to.equal(0);
    await screenshot(page, 'incident-merge-390');
    expect(problems).to.deep.equal([]);
  });
});
