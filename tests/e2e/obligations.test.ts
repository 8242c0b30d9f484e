import path from 'node:path';
import { expect } from 'chai';
import { horizontalOverflow, screenshot } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { ROOT_LOGIN_WITH_MARKUP } from './syslog-lines.js';
import { useBrowserSuite } from './browser-suite.js';

const HOUR = 3_600_000;

describe('e2e > ui > the officer lands on open obligations', function () {
  this.timeout(90_000);
  let incidentTitle: string;
  const ui = useBrowserSuite({
    rulesDir: path.resolve('tests/fixtures/e2e/rules'),
    seed: async (demo) => {
      demo.service.collector!.accept(ROOT_LOGIN_WITH_MARKUP.line, { transport: 'tcp', peerAddress: ROOT_LOGIN_WITH_MARKUP.peer });
      const token = await demo.token('analyst');
      const incident = await eventually(async () => (await demo.api<{ items: { id: string; title: string }[] }>(token, '/api/v1/incidents?organization=radebeul')).items[0], 20_000, 'the Radebeul incident');
      incidentTitle = incident.title;
      const post = (pathAndQuery: string, body: object) => demo.api(token, pathAndQuery, { method: 'POST', body: JSON.stringify(body) });
      // Asked first but due later: the order on screen must follow the deadlines, not the requests.
      await post('/api/v1/report-obligations', { organizationId: 'radebeul', awarenessAt: new Date(Date.now() - 1 * HOUR).toISOString() });
      await post(`/api/v1/incidents/${encodeURIComponent(incident.id)}/report-obligations`, { organizationId: 'radebeul', awarenessAt: new Date(Date.now() - 5 * HOUR).toISOString() });
    },
  });

  it('after login: the obligations page, a count in the menu, the most urgent first under its incident title, hours and days told apart', async () => {
    await ui.logIn('officer');
    await ui.page.waitForURL(/#\/obligations$/);
    expect(await ui.page.locator('#open-obligations-count').textContent()).to.equal('2');
    expect(await ui.page.locator('#open-obligations-count').getAttribute('aria-label')).to.equal('2 offen');

    const cards = ui.page.locator('article.obligation');
    await cards.nth(1).waitFor();
    expect(await cards.locator('h2').allTextContents()).to.deep.equal([incidentTitle, 'Große Kreisstadt Radebeul']);
    expect(await cards.first().locator('a.obligation-incident').textContent()).to.equal('Vorfall ansehen');
    const first = cards.first();
    expect(await first.locator('.deadline[data-phase="early_warning"]').getAttribute('class')).to.include('deadline-hours');
    expect(await first.locator('.deadline[data-phase="notification"]').getAttribute('class')).to.include('deadline-days');
    await screenshot(ui.page, 'obligations-landing-1440');
    expect(ui.problems).to.deep.equal([]);
  });

  it('at phone width the cards and the count stay readable', async () => {
    await ui.openPage({ width: 390, height: 844 });
    await ui.logIn('officer');
    await ui.page.waitForURL(/#\/obligations$/);
    await ui.page.locator('article.obligation').nth(1).waitFor();
    expect(await horizontalOverflow(ui.page)).to.be.at.most(0);
    await screenshot(ui.page, 'obligations-landing-390');
  });

  it('an officer without an open obligation lands on the incidents, without a count', async () => {
    await ui.logIn('officer2');
    await ui.page.waitForURL(/#\/incidents$/);
    expect(await ui.page.locator('#open-obligations-count').isHidden()).to.equal(true);
  });
});
