import path from 'node:path';
import { expect } from 'chai';
import { horizontalOverflow, screenshot } from '../support/browser.js';
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
    expect(await ui.page.locator('#rule-count').textContent()).to.equal('2 Regeln');
    const row = ui.page.locator(`[id="rule-row-${ROOT_RULE}"]`);
    expect(await row.textContent()).to.contain('Successful SSH login as root (e2e fixture)');
    expect(await row.textContent()).to.contain('sigma');
    expect(await row.locator('.severity').textContent()).to.equal('Hoch');
    expect(await row.locator('.rule-pack').textContent()).to.equal('Lagebild');
    expect(await row.locator('.rule-state').textContent()).to.equal('aktiv');
    expect(await row.locator('.rule-changed').count()).to.equal(0);
    expect(await ui.page.locator('[id^="rule-toggle-"]').count()).to.equal(0);
    // Two rules fit on one page: no page buttons.
    expect(await ui.page.locator('#rule-page-next').count()).to.equal(0);

    await ui.page.getByLabel('Stufe').selectOption('medium');
    await ui.page.locator('#rule-count', { hasText: /^1 Regel$/ }).waitFor();
    expect(await ui.page.locator('#rule-table tbody tr').count()).to.equal(1);
    expect(await ui.page.locator(`[id="rule-row-${ROOT_RULE}"]`).count()).to.equal(0);
    await ui.page.getByLabel('Stufe').selectOption('');
    await ui.page.locator('#rule-count', { hasText: /^2 Regeln$/ }).waitFor();
    await ui.page.getByLabel('Suche (Titel, Kennung, Datei, Tag)').fill('root');
    await ui.page.locator('#rule-count', { hasText: /^1 Regel$/ }).waitFor();
    expect(await ui.page.locator('#rule-table tbody tr').count()).to.equal(1);
    expect(await ui.page.locator(`[id="rule-row-${ROOT_RULE}"]`).count()).to.equal(1);
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
    // A Lagebild rule is on by default, so switched off it is marked as differing.
    expect(await ui.page.locator(`[id="rule-row-${ROOT_RULE}"] .rule-changed`).textContent()).to.equal('Standard: an');
    expect(await ui.page.locator('.feedback .notice-ok').textContent()).to.contain('ist deaktiviert');
    // Focus stays on the switch, so a keyboard user can flip it back.
    expect(await ui.page.evaluate('document.activeElement && document.activeElement.id')).to.equal(`rule-toggle-${ROOT_RULE}`);
    await ui.page.getByLabel('Status').selectOption('disabled');
    await ui.page.locator('#rule-count', { hasText: /^1 Regel$/ }).waitFor();
    expect(await ui.page.locator('#rule-table tbody tr').count()).to.equal(1);
    await screenshot(ui.page, 'rules-disabled-1280');

    await ui.page.locator(`[id="rule-toggle-${ROOT_RULE}"]`).click();
    await ui.page.locator('#rule-table, .empty').first().waitFor();
    await ui.page.getByLabel('Status').selectOption('enabled');
    await ui.page.locator(`[id="rule-row-${ROOT_RULE}"] .rule-state`).filter({ hasText: /^aktiv$/ }).waitFor();
    expect(await ui.page.locator(`[id="rule-row-${ROOT_RULE}"] .rule-changed`).count()).to.equal(0);
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
    expect(await ui.page.locator('.rule-pack').textContent()).to.equal('Lagebild');
    expect(await ui.page.locator('#rule-default').textContent()).to.contain('aktiv');
    // Lagebild's own rules are not SigmaHQ's: no DRL note.
    expect(await ui.page.locator('#rule-licence').count()).to.equal(0);
    await screenshot(ui.page, 'rule-detail-1280');

    await ui.page.locator('#rule-open-tester').click();
    await ui.page.locator('#rule-yaml').waitFor();
    expect(await ui.page.locator('#rule-yaml').inputValue()).to.equal(source);
    const event = (user: string) => JSON.stringify({ '@timestamp': new Date().toISOString(), event: { action: 'ssh_login', outcome: 'success', category: ['authentication'] }, user: { name: user }, process: { name: 'sshd' }, host: { os: { type: 'linux' } }, source: { ip: '203.0.113.9' } });
    // One matching event of two: one alert, in the singular.
    await ui.page.locator('#rule-events').fill([event('root'), event('verwaltung')].join('\n'));
    await ui.page.locator('#rule-run').click();
    await ui.page.locator('#rule-test-alerts').waitFor();
    expect(await ui.page.locator('#rule-test-alerts h2').textContent()).to.equal('1 Alarm');
    expect(await ui.page.locator('#rule-test-alerts .test-alerts li p').first().textContent()).to.contain('Successful SSH login as root (e2e fixture) – 1 Treffer');
    await screenshot(ui.page, 'rule-test-alerts-1280');

    await ui.page.locator('#rule-events').fill(`${event('root')}\n{kein json`);
    await ui.page.locator('#rule-run').click();
    await ui.page.locator('#event-problems').waitFor();
    expect(await ui.page.locator('#event-problems li').allTextContents()).to.deep.equal(['Zeile 2 kein gültiges JSON']);
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

  it('says what is missing instead of doing nothing, at 1440×900 and on a 390×844 phone', async () => {
    for (const viewport of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
      await ui.openPage(viewport);
      await ui.logIn('analyst');
      await ui.page.goto(`${ui.demo.baseUrl}/#/rules/test`);
      await ui.page.locator('#rule-validate').click();
      expect(await ui.page.locator('#rule-test-result').textContent()).to.equal('Bitte fügen Sie zuerst eine Regel ein.');
      await ui.page.locator('#rule-yaml').fill('title: Root\nlogsource:\n  product: linux\ndetection:\n  selection:\n    user.name: root\n  condition: selection\n');
      await ui.page.locator('#rule-run').click();
      await ui.page.locator('#rule-no-events').waitFor();
      expect(await ui.page.locator('#rule-no-events').textContent()).to.equal('Die Regel ist gültig. Um sie zu testen, fügen Sie Beispielereignisse ein.');
      expect(await horizontalOverflow(ui.page)).to.equal(0);
      await screenshot(ui.page, `rule-test-${viewport.width}`);
    }
    expect(ui.problems).to.deep.equal([]);
  });
});

interface ListedRule {
  id: string;
  title: string;
  pack: string;
  level: string;
  enabled: boolean;
  enabledByDefault: boolean;
  defaultReason: string;
  author?: string;
}

/** The rules as shipped: Lagebild's own and SigmaHQ's packs, thousands of them, most switched off. */
describe('e2e > ui > rules of the shipped packs', function () {
  this.timeout(90_000);
  const ui = useBrowserSuite({ rulesDir: path.resolve('rules') });
  const german = new Intl.NumberFormat('de-DE');
  const list = async (query: string) => ui.demo.api<{ items: ListedRule[]; total: number }>(await ui.demo.token('analyst'), `/api/v1/rules?${query}`);
  const rowIds = () => ui.page.locator('#rule-table tbody tr').evaluateAll((rows) => rows.map((row) => row.id.replace(/^rule-row-/, '')));

  it('shows each rule\'s pack and pages through the pack the analyst filters by, a hundred at a time', async () => {
    const everything = await list('limit=1');
    await ui.logIn('analyst');
    await ui.menu('Regeln').click();
    await ui.page.locator('#rule-table').waitFor();
    const allPages = Math.ceil(everything.total / 100);
    expect(await ui.page.locator('#rule-count').textContent()).to.equal(`${german.format(everything.total)} Regeln · Seite 1 von ${allPages}`);
    expect(await ui.page.locator('#rule-table tbody tr').count()).to.equal(100);
    const firstListed = (await list('limit=1')).items[0]!;
    const labels: Record<string, string> = { lagebild: 'Lagebild', core: 'SigmaHQ Core', 'core+': 'Core+', 'core++': 'Core++', 'emerging-threats': 'Emerging Threats', 'threat-hunting': 'Threat Hunting' };
    expect(await ui.page.locator(`[id="rule-row-${firstListed.id}"] .rule-pack`).textContent()).to.equal(labels[firstListed.pack]);

    const core = await list('pack=core&limit=100');
    const corePages = Math.ceil(core.total / 100);
    expect(corePages).to.be.greaterThan(1);
    await ui.page.getByLabel('Paket').selectOption('core');
    await ui.page.locator('#rule-count', { hasText: `${german.format(core.total)} Regeln · Seite 1 von ${corePages}` }).waitFor();
    expect(await rowIds()).to.deep.equal(core.items.map((rule) => rule.id));
    expect(new Set(await ui.page.locator('#rule-table .rule-pack').allTextContents())).to.deep.equal(new Set(['SigmaHQ Core']));
    expect(await ui.page.locator('#rule-page-previous').isDisabled()).to.equal(true);
    await screenshot(ui.page, 'rules-packs-core-1280');

    await ui.page.locator('#rule-page-next').click();
    await ui.page.locator('#rule-page', { hasText: `Seite 2 von ${corePages}` }).waitFor();
    const second = await rowIds();
    expect(second).to.deep.equal((await list('pack=core&offset=100&limit=100')).items.map((rule) => rule.id));
    expect(second.filter((id) => core.items.some((rule) => rule.id === id))).to.deep.equal([]);
    expect(new Set(await ui.page.locator('#rule-table .rule-pack').allTextContents())).to.deep.equal(new Set(['SigmaHQ Core']));

    // Level is narrowed in the browser (the API has no level filter): the count is still the whole result's.
    await ui.page.getByLabel('Stufe').selectOption('critical');
    const critical = (await list('pack=core')).items.filter((rule) => rule.level === 'critical');
    await ui.page.locator('#rule-count', { hasText: new RegExp(`^${german.format(critical.length)} Regeln`) }).waitFor();
    expect(new Set(await ui.page.locator('#rule-table .severity').allTextContents())).to.deep.equal(new Set(['Kritisch']));
    await ui.page.locator('#rule-reset').click();
    await ui.page.locator('#rule-count', { hasText: `${german.format(everything.total)} Regeln · Seite 1 von ${allPages}` }).waitFor();
    expect(ui.problems).to.deep.equal([]);
  });

  it('lets the admin switch on a SigmaHQ rule that is off by default, marked as differing from its default after a reload', async () => {
    const off = (await list('pack=core%2B&enabled=false')).items.find((rule) => !rule.enabledByDefault && rule.defaultReason === 'the core+ pack is off by default')!;
    expect(off, 'a Core+ rule that is off because its pack is').to.not.equal(undefined);
    const reason = 'Das Paket Core+ ist standardmäßig aus';
    await ui.logIn('admin');
    await ui.menu('Regeln').click();
    await ui.page.locator('#rule-table').waitFor();
    await ui.page.getByLabel('Suche (Titel, Kennung, Datei, Tag)').fill(off.id);
    const row = ui.page.locator(`[id="rule-row-${off.id}"]`);
    await ui.page.locator('#rule-count', { hasText: /^1 Regel$/ }).waitFor();
    expect(await row.locator('.rule-pack').textContent()).to.equal('Core+');
    expect(await row.locator('.rule-state').textContent()).to.equal('deaktiviert');
    expect(await row.locator('.rule-changed').count()).to.equal(0);

    await ui.page.locator(`[id="rule-toggle-${off.id}"]`).click();
    await row.locator('.rule-changed', { hasText: 'Standard: aus' }).waitFor();
    expect(await row.locator('.rule-state').textContent()).to.equal('aktiv');
    expect(await row.locator('.rule-state-label').getAttribute('title')).to.contain(reason);
    await screenshot(ui.page, 'rules-changed-1280');

    await ui.page.reload();
    await ui.page.locator('#logout').waitFor();
    await ui.page.getByLabel('Status').selectOption('enabled');
    await ui.page.getByLabel('Paket').selectOption('core+');
    await row.waitFor();
    expect(await row.locator('.rule-state').textContent()).to.equal('aktiv');
    expect(await row.locator('.rule-changed').textContent()).to.equal('Standard: aus');

    await row.locator('.rule-link').click();
    await ui.page.locator('#rule-source').waitFor();
    expect(await ui.page.locator('#rule-state').textContent()).to.equal('aktiv Standard: aus');
    expect(await ui.page.locator('#rule-default').textContent()).to.contain('deaktiviert');
    expect(await ui.page.locator('#rule-default').textContent()).to.contain(reason);
    expect(await ui.page.locator('#rule-author').textContent()).to.equal(off.author);
    expect(await ui.page.locator('#rule-licence').textContent()).to.contain('Detection Rule License (DRL) 1.1');
    await screenshot(ui.page, 'rule-detail-sigmahq-1280');
    expect(ui.problems).to.deep.equal([]);
  });
});
