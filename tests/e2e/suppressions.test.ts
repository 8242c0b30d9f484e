import path from 'node:path';
import { expect } from 'chai';
import { horizontalOverflow, screenshot } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { ROOT_LOGIN_WITH_MARKUP } from './syslog-lines.js';
import { useBrowserSuite } from './browser-suite.js';

interface IncidentSummary {
  id: string;
  entity: string;
  ruleId: string;
}

interface SuppressionView {
  organizationId: string | null;
  ruleId?: string;
  conditions: { field: string; value: string }[];
  reason: string;
  author: string;
  sourceIncidentId?: string;
}

describe('e2e > ui > suppressions', function () {
  this.timeout(60_000);
  let incident: IncidentSummary;
  const ui = useBrowserSuite({
    rulesDir: path.resolve('tests/fixtures/e2e/rules'),
    seed: async (demo) => {
      demo.service.collector!.accept(ROOT_LOGIN_WITH_MARKUP.line, { transport: 'tcp', peerAddress: ROOT_LOGIN_WITH_MARKUP.peer });
      const token = await demo.token('analyst');
      incident = await eventually(async () => (await demo.api<{ items: IncidentSummary[] }>(token, '/api/v1/incidents?organization=radebeul')).items[0], 20_000, 'the incident of the root login');
    },
  });

  it('an analyst suppresses from an incident, pre-filled with its organisation, rule and entity, and finds it on the suppressions page', async () => {
    await ui.openPage({ width: 1440, height: 900 });
    await ui.logIn('analyst');
    await ui.page.goto(`${ui.demo.baseUrl}/#/incidents/${encodeURIComponent(incident.id)}`);
    await ui.page.getByRole('button', { name: 'Unterdrücken…' }).click();
    await ui.page.locator('#suppress-form').waitFor();
    expect(await ui.page.locator('#suppress-organisation').inputValue()).to.equal('radebeul');
    expect(await ui.page.locator('#suppress-rule').isChecked()).to.equal(true);
    const [field, value] = [incident.entity.slice(0, incident.entity.indexOf('=')), incident.entity.slice(incident.entity.indexOf('=') + 1)];
    expect(await ui.page.locator('#suppress-form code').first().textContent()).to.equal(`${field} = ${value}`);
    const expiry = Date.parse(await ui.page.locator('#suppress-expiry').inputValue());
    expect(Math.round((expiry - Date.now()) / 86_400_000), 'default expiry in days').to.equal(30);

    // Blanks pass the browser's `required`; the server names the problem and the form shows it.
    await ui.page.getByLabel('Begründung').fill('   ');
    await ui.page.locator('#suppress-submit').click();
    await ui.page.locator('#suppress-form [role="alert"]').waitFor();
    expect(await ui.page.locator('#suppress-form .problem-list').textContent()).to.contain('reason');
    await ui.page.getByLabel('Begründung').fill('Schwachstellenscanner des Rechenzentrums');
    await screenshot(ui.page, 'incident-suppress-1440');
    await ui.page.locator('#suppress-submit').click();
    await ui.page.locator('#suppress-created').waitFor();

    await ui.menu('Unterdrückungen').click();
    const row = ui.page.locator('#suppression-table tbody tr').first();
    await row.waitFor();
    const text = await row.textContent();
    for (const expected of ['Große Kreisstadt Radebeul', `${field} = ${value}`, 'Schwachstellenscanner des Rechenzentrums', 'analyst']) expect(text).to.contain(expected);
    expect(await horizontalOverflow(ui.page)).to.equal(0);
    await screenshot(ui.page, 'suppressions-1440');

    const stored = await ui.demo.api<{ items: SuppressionView[] }>(await ui.demo.token('analyst'), '/api/v1/suppressions');
    expect(stored.items).to.have.length(1);
    expect(stored.items[0]).to.deep.include({ organizationId: 'radebeul', ruleId: incident.ruleId, conditions: [{ field, value }], author: 'analyst', sourceIncidentId: incident.id });

    ui.page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'Löschen' }).click();
    await ui.page.locator('#suppression-table tbody tr.row-disabled').waitFor();
    expect(await ui.page.locator('#suppression-table .suppression-expiry').first().textContent()).to.contain('abgelaufen');
    expect(ui.problems).to.deep.equal([]);
  });
});
