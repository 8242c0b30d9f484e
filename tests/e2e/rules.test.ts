import path from 'node:path';
import { expect } from 'chai';
import { screenshot } from '../support/browser.js';
import { useBrowserSuite } from './browser-suite.js';

/** The root-login rule of tests/fixtures/e2e/rules. */
const ROOT_RULE = '5d0c7a44-3f5e-4c1a-9c55-2f1b0e2e0e01';

describe('e2e > ui > rules', function () {
  this.timeout(60_000);
  const ui = useBrowserSuite({ rulesDir: path.resolve('tests/fixtures/e2e/rules') });

  const enabled = async () => {
    const rules = await ui.demo.api<{ items: { id: string; enabled: boolean }[] }>(await ui.demo.token('analyst'), '/api/v1/rules');
    return rules.items.find((rule) => rule.id === ROOT_RULE)?.enabled;
  };

  it('lists the rules for the analyst with type, level, tags and state, filtered, without a switch (rules:write is the admin\'s)', async () => {
    await ui.logIn('analyst');
    await ui.menu('Regeln').click();
    await ui.page.locator('#rule-table').waitFor();
    expect(await ui.page.locator('#rule-table tbody tr').count()).to.equal(2);
    const row = ui.page.locator(`[id="rule-row-${ROOT_RULE}"]`);
    expect(await row.textContent()).to.contain('Successful SSH login as root (e2e fixture)');
    expect(await row.textContent()).to.contain('sigma');
    expect(await row.locator('.severity').textContent()).to.equal('Hoch');
    expect(await row.textContent()).to.contain('aktiv');
    expect(await ui.page.locator('[id^="rule-toggle-"]').count()).to.equal(0);

    await ui.page.getByLabel('Stufe').selectOption('medium');
    expect(await ui.page.locator('#rule-table tbody tr').count()).to.equal(1);
    expect(await ui.page.locator(`[id="rule-row-${ROOT_RULE}"]`).count()).to.equal(0);
    await ui.page.getByLabel('Stufe').selectOption('');
    await ui.page.getByLabel('Suche (Titel, Kennung, Tag)').fill('root');
    expect(await ui.page.locator('#rule-table tbody tr').count()).to.equal(1);
    await screenshot(ui.page, 'rules-analyst-1280');
    expect(ui.problems).to.deep.equal([]);
  });

  it('lets the admin disable a rule and enable it again', async () => {
    await ui.logIn('admin');
    await ui.menu('Regeln').click();
    const toggle = ui.page.locator(`[id="rule-toggle-${ROOT_RULE}"]`);
    await toggle.waitFor();
    expect(await toggle.textContent()).to.equal('Deaktivieren');
    await toggle.click();
    await ui.page.locator(`[id="rule-row-${ROOT_RULE}"] .rule-state`).filter({ hasText: 'deaktiviert' }).waitFor();
    expect(await enabled()).to.equal(false);
    expect(await ui.page.locator('.feedback .notice-ok').textContent()).to.contain('ist deaktiviert');
    // Focus stays on the switch, so a keyboard user can flip it back.
    expect(await ui.page.evaluate('document.activeElement && document.activeElement.id')).to.equal(`rule-toggle-${ROOT_RULE}`);
    await ui.page.getByLabel('Status').selectOption('disabled');
    expect(await ui.page.locator('#rule-table tbody tr').count()).to.equal(1);
    await screenshot(ui.page, 'rules-disabled-1280');

    await ui.page.locator(`[id="rule-toggle-${ROOT_RULE}"]`).click();
    await ui.page.locator('#rule-table, .empty').first().waitFor();
    await ui.page.getByLabel('Status').selectOption('enabled');
    await ui.page.locator(`[id="rule-row-${ROOT_RULE}"] .rule-state`).filter({ hasText: 'aktiv' }).waitFor();
    expect(await enabled()).to.equal(true);
    expect(ui.problems).to.deep.equal([]);
  });

  it('shows a rule\'s source as text and tests it against sample events', async () => {
    await ui.logIn('analyst');
    await ui.page.goto(`${ui.demo.baseUrl}/#/rules/${ROOT_RULE}`);
    await ui.page.locator('#rule-source').waitFor();
    const source = await ui.page.locator('#rule-source').textContent();
    expect(source).to.contain('title: Successful SSH login as root (e2e fixture)');
    expect(source).to.contain('user.name: root');
    await screenshot(ui.page, 'rule-detail-1280');

    await ui.page.locator('#rule-open-tester').click();
    await ui.page.locator('#rule-yaml').waitFor();
    expect(await ui.page.locator('#rule-yaml').inputValue()).to.equal(source);
    const event = (user: string) => JSON.stringify({ '@timestamp': new Date().toISOString(), event: { action: 'ssh_login', outcome: 'success', category: ['authentication'] }, user: { name: user }, process: { name: 'sshd' }, host: { os: { type: 'linux' } }, source: { ip: '203.0.113.9' } });
    await ui.page.locator('#rule-events').fill([event('root'), event('verwaltung'), event('root')].join('\n'));
    await ui.page.locator('#rule-run').click();
    await ui.page.locator('#rule-test-alerts').waitFor();
    expect(await ui.page.locator('#rule-test-alerts h2').textContent()).to.match(/^[12] Alarme$/);
    expect(await ui.page.locator('#rule-test-alerts .test-alerts li').first().textContent()).to.contain('Successful SSH login as root (e2e fixture)');
    await screenshot(ui.page, 'rule-test-alerts-1280');

    await ui.page.locator('#rule-events').fill(`${event('root')}\n{kein json`);
    await ui.page.locator('#rule-run').click();
    await ui.page.locator('#event-problems').waitFor();
    expect(await ui.page.locator('#event-problems').textContent()).to.contain('Zeile 2');
    expect(ui.problems).to.deep.equal([]);
  });

  it('names the line and column of a problem in a broken rule', async () => {
    await ui.logIn('analyst');
    await ui.page.goto(`${ui.demo.baseUrl}/#/rules/test`);
    await ui.page.locator('#rule-yaml').fill('title: Kaputt\nlogsource:\n  product: linux\ndetection:\n  selection:\n    user.name: [root\n  condition: selection\n');
    await ui.page.locator('#rule-validate').click();
    await ui.page.locator('#rule-problems').waitFor();
    expect(await ui.page.locator('#rule-problems').textContent()).to.match(/Zeile \d+, Spalte \d+/);
    await screenshot(ui.page, 'rule-test-problems-1280');

    await ui.page.locator('#rule-yaml').fill('title: Ohne Erkennung\nlogsource:\n  product: linux\n');
    await ui.page.locator('#rule-validate').click();
    await ui.page.locator('#rule-problems').waitFor();
    expect(await ui.page.locator('#rule-problems li').count()).to.be.at.least(1);
    expect(ui.problems).to.deep.equal([]);
  });
});
