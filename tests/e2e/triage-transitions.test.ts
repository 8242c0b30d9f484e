import path from 'node:path';
import { expect } from 'chai';
import { horizontalOverflow, screenshot } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { sshdLine } from './ui-session.js';
import { useBrowserSuite } from './browser-suite.js';

interface Detail {
  incident: { id: string; status: string; mergedInto?: string | null };
  allowedTransitions: string[];
  mergedSources: { id: string }[];
}

describe('e2e > ui > triage transitions and merge', function () {
  this.timeout(60_000);
  let target: string;
  let source: string;
  const ui = useBrowserSuite({
    rulesDir: path.resolve('tests/fixtures/e2e/rules'),
    seed: async (demo) => {
      // Two attackers at two servers with two accounts share nothing: two stories, two incidents at Radebeul.
      for (const [address, host, user] of [
        ['198.51.100.61', 'portal.radebeul.example', 'verwaltung'],
        ['198.51.100.62', 'mail.radebeul.example', 'buergerbuero'],
      ])
        demo.service.collector!.accept(sshdLine(host!, `Failed password for invalid user ${user} from ${address} port 41000 ssh2`), { transport: 'tcp', peerAddress: '10.51.0.10' });
      const token = await demo.token('analyst');
      // By address, not by order: both lines may carry the same second, and ties sort by id.
      const byAddress = await eventually(
        async () => {
          const page = await demo.api<{ items: { id: string; entity: string }[] }>(token, '/api/v1/incidents?organization=radebeul');
          const find = (address: string) => page.items.find((incident) => incident.entity.includes(address))?.id;
          const [first, second] = [find('198.51.100.61'), find('198.51.100.62')];
          return first && second ? [first, second] : undefined;
        },
        20_000,
        'two incidents at Radebeul',
      );
      [target, source] = byAddress;
    },
  });

  const detail = async (id: string) => ui.demo.api<Detail>(await ui.demo.token('analyst'), `/api/v1/incidents/${encodeURIComponent(id)}`);
  const shownTransitions = async () => (await ui.page.locator('[data-status]').evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-status')))).sort();

  it('offers exactly the status buttons the server allows, after every change', async () => {
    await ui.logIn('analyst');
    await ui.page.goto(`${ui.demo.baseUrl}/#/incidents/${encodeURIComponent(target)}`);
    await ui.page.locator('#status-heading').waitFor();
    for (const next of ['acknowledged', 'investigating', 'contained', 'resolved', 'closed', 'investigating']) {
      const allowed = (await detail(target)).allowedTransitions;
      expect(await shownTransitions(), `before ${next}`).to.deep.equal([...allowed].sort());
      await ui.page.locator(`#status-${next}`).click();
      await ui.page.locator(`.badges .status-${next}`).waitFor();
    }
    expect((await detail(target)).incident.status).to.equal('investigating');
    expect(await ui.page.locator('#status-investigating').count()).to.equal(0);
    expect(await shownTransitions()).to.deep.equal([...(await detail(target)).allowedTransitions].sort());
    expect(ui.problems).to.deep.equal([]);
  });

  it('merges an incident of the queue into this one; the source links to its target and takes no status', async () => {
    await ui.logIn('analyst');
    await ui.page.goto(`${ui.demo.baseUrl}/#/incidents/${encodeURIComponent(target)}`);
    await ui.page.locator('#merge-search').fill('198.51.100.62');
    await ui.page.locator('#merge-find').click();
    await ui.page.locator(`[id="merge-candidate-${source}"]`).check();
    expect(await ui.page.locator(`[id="merge-candidate-${target}"]`).count()).to.equal(0);
    await screenshot(ui.page, 'incident-merge-candidates-1280');
    await ui.page.locator('#merge-submit').click();
    await ui.page.locator('#merged-sources').waitFor();
    expect(await ui.page.locator('.feedback .notice-ok').textContent()).to.equal('1 Vorfall zusammengeführt.');
    expect(await ui.page.locator('#merged-sources a').getAttribute('href')).to.equal(`#/incidents/${encodeURIComponent(source)}`);
    expect((await detail(target)).mergedSources.map((entry) => entry.id)).to.deep.equal([source]);

    await ui.page.locator('#merged-sources a').click();
    await ui.page.locator('#merged-into').waitFor();
    expect(await ui.page.locator('#merged-into a').getAttribute('href')).to.equal(`#/incidents/${encodeURIComponent(target)}`);
    expect(await ui.page.locator('[data-status]').count()).to.equal(0);
    expect(await ui.page.locator('#merge-search').count()).to.equal(0);
    expect((await detail(source)).allowedTransitions).to.deep.equal([]);
    await screenshot(ui.page, 'incident-merged-1280');

    await ui.openPage({ width: 390, height: 844 });
    await ui.logIn('analyst');
    await ui.page.goto(`${ui.demo.baseUrl}/#/incidents/${encodeURIComponent(target)}`);
    await ui.page.locator('#merged-sources').waitFor();
    expect(await horizontalOverflow(ui.page)).to.equal(0);
    await screenshot(ui.page, 'incident-merge-390');
    expect(ui.problems).to.deep.equal([]);
  });
});
