import path from 'node:path';
import { expect } from 'chai';
import { horizontalOverflow, printScreenshot, screenshot } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { ROOT_LOGIN_WITH_MARKUP, XSS_IMG, XSS_SCRIPT } from './syslog-lines.js';
import { useBrowserSuite } from './browser-suite.js';
import { downloadFrom } from './downloads.js';

interface Obligation {
  id: string;
  organizationId: string;
  deadlines: { phase: string; state: string; reportId: string | null }[];
}

describe('e2e > ui > reporting', function () {
  this.timeout(90_000);
  let incidentId: string;
  let reportId: string;
  const description = `Anmeldung als root am Bürgerportal. ${XSS_IMG} ${XSS_SCRIPT}`;
  const ui = useBrowserSuite({
    rulesDir: path.resolve('tests/fixtures/e2e/rules'),
    seed: async (demo) => {
      demo.service.collector!.accept(ROOT_LOGIN_WITH_MARKUP.line, { transport: 'tcp', peerAddress: ROOT_LOGIN_WITH_MARKUP.peer });
      const token = await demo.token('analyst');
      incidentId = await eventually(async () => (await demo.api<{ items: { id: string }[] }>(token, '/api/v1/incidents?organization=radebeul')).items[0]?.id, 20_000, 'the Radebeul incident');
    },
  });

  it('lets the analyst triage the incident and request a report from Radebeul', async () => {
    await ui.logIn('analyst');
    await ui.page.goto(`${ui.demo.baseUrl}/#/incidents/${encodeURIComponent(incidentId)}`);
    await ui.page.locator('#status-acknowledged').click();
    await ui.page.locator('.page-incident .status').filter({ hasText: 'Angenommen' }).waitFor();
    await ui.page.locator('#report-organisation').selectOption('radebeul');
    await ui.page.locator('#request-report').click();
    await ui.page.locator('.obligation-list .deadline').first().waitFor();
    expect(await ui.page.locator('.obligation-list .deadline-phase').allTextContents()).to.include.members(['Erstmeldung', 'Meldung', 'Abschlussmeldung']);
    expect(await ui.page.locator('.obligation-list .deadline-due').count()).to.be.greaterThan(0);
    await screenshot(ui.page, 'incident-request-report-1280');

    const token = await ui.demo.token('analyst');
    const obligations = await ui.demo.api<{ items: Obligation[] }>(token, `/api/v1/report-obligations?incident=${encodeURIComponent(incidentId)}`);
    expect(obligations.items.map((obligation) => obligation.organizationId)).to.deep.equal(['radebeul']);
    const incident = await ui.demo.api<{ incident: { status: string } }>(token, `/api/v1/incidents/${encodeURIComponent(incidentId)}`);
    expect(incident.incident.status).to.equal('acknowledged');
    expect(ui.problems).to.deep.equal([]);
  });

  it('lets the officer file the early warning: autosaved draft, submit, version 1, text shown as text', async () => {
    await ui.logIn('officer');
    await ui.page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: /^Meldepflichten( \d+ offen)?$/ }).click();
    const start = ui.page.locator('button[data-phase="early_warning"]').first();
    await start.waitFor();
    expect(await ui.page.locator('.obligation .countdown[data-due]').first().textContent()).to.match(/^noch \d+ h \d+ min$/);
    await screenshot(ui.page, 'obligations-officer-1280');
    await start.click();
    await ui.page.locator('#report-reporter-name').waitFor();
    reportId = decodeURIComponent(ui.page.url().split('#/reports/')[1]!);

    await ui.page.locator('#report-reporter-name').fill('Erika Muster');
    await ui.page.locator('#report-reporter-email').fill('erika.muster@radebeul.example');
    await ui.page.locator('#report-isbContact-name').fill('Max Sicher');
    await ui.page.locator('#report-isbContact-email').fill('isb@radebeul.example');
    await ui.page.locator('#report-tier').selectOption('sicherheitsvorfall');
    await ui.page.locator('#report-categories-intrusion').check();
    await ui.page.locator('#report-description').fill(description);
    // The GDPR details and the 72-hour notice appear only once personal data is said to be affected.
    expect(await ui.page.locator('#report-personalData-subjectCategories').isVisible()).to.equal(false);
    expect(await ui.page.locator('#gdpr-duty').count()).to.equal(0);
    await ui.page.locator('#report-personalData-affected').check();
    await ui.page.locator('#report-personalData-subjectCategories').waitFor();
    expect(await ui.page.locator('#gdpr-duty').textContent()).to.match(/Fällig bis \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);
    await ui.page.locator('#save-state').filter({ hasText: 'Entwurf gespeichert' }).waitFor();
    const officer = await ui.demo.token('officer');
    const draft = await ui.demo.api<{ report: { draft: { description?: string } } }>(officer, `/api/v1/reports/${encodeURIComponent(reportId)}`);
    expect(draft.report.draft.description).to.equal(description);

    await ui.page.locator('#report-submit').click();
    await ui.page.locator('#submit-result.notice-ok').waitFor();
    expect(await ui.page.locator('#submit-result').textContent()).to.equal('Eingereicht als Fassung 1.');
    await ui.page.locator('#gdpr-duty').waitFor();
    expect(await ui.page.locator('.deadline[data-phase="early_warning"] .deadline-state').first().textContent()).to.equal('eingereicht');
    expect(await ui.page.locator('.versions li[data-version="1"] summary').textContent()).to.match(/^Fassung 1 · \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} · officer$/);
    await ui.page.locator('.versions li[data-version="1"] summary').click();
    expect(await ui.page.locator('.versions [data-field="description"]').textContent()).to.equal(description);
    expect(await ui.page.locator('main img, main script').count()).to.equal(0);
    expect(await ui.page.evaluate('typeof window.__xss')).to.equal('undefined');
    await screenshot(ui.page, 'report-early-warning-1280');

    const detail = await ui.demo.api<{ versions: { version: number; content: { description: string } }[]; dataProtection: unknown }>(officer, `/api/v1/reports/${encodeURIComponent(reportId)}`);
    expect(detail.versions.map((version) => version.version)).to.deep.equal([1]);
    expect(detail.versions[0]!.content.description).to.equal(description);
    expect(detail.dataProtection).to.not.equal(null);
    expect(ui.problems).to.deep.equal([]);
  });

  it('shows the analyst the report as text in the inbox and lets them acknowledge and classify it', async () => {
    await ui.logIn('analyst');
    await ui.page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Meldungen', exact: true }).click();
    await ui.page.locator(`#report-link-${reportId}`).click();
    await ui.page.locator('#report-acknowledge').waitFor();
    expect(await ui.page.locator('.report-view [data-field="description"]').first().textContent()).to.equal(description);
    expect(await ui.page.locator('main img, main script').count()).to.equal(0);
    const { incident } = await ui.demo.api<{ incident: { title: string } }>(await ui.demo.token('analyst'), `/api/v1/incidents/${encodeURIComponent(incidentId)}`);
    expect(await ui.page.locator(`main a[href="#/incidents/${encodeURIComponent(incidentId)}"]`).first().textContent()).to.equal(incident.title);
    await ui.page.locator('#report-acknowledge').click();
    await ui.page.locator('.page-report .tag').filter({ hasText: 'Eingang bestätigt' }).waitFor();
    // Unclassified looks unclassified: no tier is preselected, and saving without a choice is refused.
    expect(await ui.page.locator('#report-cert-tier').textContent()).to.equal('nicht eingestuft');
    expect(await ui.page.locator('#cert-tier').inputValue()).to.equal('');
    await ui.page.locator('#classify-form button').click();
    expect(await ui.page.locator('#cert-tier').evaluate((select) => (select as unknown as { validity: { valueMissing: boolean } }).validity.valueMissing)).to.equal(true);
    expect(await ui.page.locator('#report-cert-tier').textContent()).to.equal('nicht eingestuft');
    await ui.page.locator('#cert-tier').selectOption('erheblicher_sicherheitsvorfall');
    await ui.page.locator('#classify-form button').click();
    await ui.page.locator('.page-report .tag').filter({ hasText: 'Erheblicher' }).waitFor();
    await screenshot(ui.page, 'report-analyst-1280');
    const token = await ui.demo.token('analyst');
    const detail = await ui.demo.api<{ report: { acknowledgedAt: string | null; certTier: string | null } }>(token, `/api/v1/reports/${encodeURIComponent(reportId)}`);
    expect(detail.report.acknowledgedAt).to.be.a('string');
    expect(detail.report.certTier).to.equal('erheblicher_sicherheitsvorfall');
    expect(ui.problems).to.deep.equal([]);
  });

  it('lets the officer save the report as a JSON file and as a print-ready HTML file', async () => {
    await ui.logIn('officer');
    await ui.page.goto(`${ui.demo.baseUrl}/#/reports/${encodeURIComponent(reportId)}`);
    await ui.page.locator('#export-json').waitFor();

    const json = await downloadFrom(ui.page, ui.page.locator('#export-json'));
    expect(json.name).to.equal(`meldung-radebeul-erstmeldung-${reportId.slice(0, 8)}.json`);
    const exported = JSON.parse(json.text) as { report: { id: string }; versions: { version: number; content: { description: string } }[]; history: { action: string }[] };
    expect(exported.report.id).to.equal(reportId);
    expect(exported.versions.map((version) => [version.version, version.content.description])).to.deep.equal([[1, description]]);
    expect(exported.history.map((entry) => entry.action)).to.include('report.submit');

    const html = await downloadFrom(ui.page, ui.page.locator('#export-html'));
    expect(html.name).to.equal(`meldung-radebeul-erstmeldung-${reportId.slice(0, 8)}.html`);
    expect(html.text).to.match(/^<!doctype html>/);
    expect(html.text).to.contain('<h1>Erstmeldung – radebeul</h1>');
    // The markup in the officer's text arrives escaped, as text.
    expect(html.text).to.contain('&#60;img src=x onerror=');
    expect(html.text).to.not.contain(XSS_IMG);
    expect(await ui.page.locator('.notice-error').count()).to.equal(0);
    expect(ui.problems).to.deep.equal([]);
  });

  it('prints the report without menu, buttons and form: the analyst\'s view and the officer\'s content', async () => {
    await ui.openPage({ width: 1440, height: 900 });
    await ui.logIn('analyst');
    await ui.page.goto(`${ui.demo.baseUrl}/#/reports/${encodeURIComponent(reportId)}`);
    await ui.page.locator('#cert-actions').waitFor();
    await screenshot(ui.page, 'report-analyst-1440');
    await printScreenshot(ui.page, 'report-analyst-print');
    expect(await ui.page.locator('.app-header').isVisible()).to.equal(false);
    expect(await ui.page.locator('main button:visible, main .button:visible, main form:visible').count()).to.equal(0);
    expect(await ui.page.locator('.report-view [data-field="description"]').first().isVisible()).to.equal(true);
    expect(await horizontalOverflow(ui.page)).to.equal(0);

    await ui.openPage({ width: 1440, height: 900 });
    await ui.logIn('officer');
    await ui.page.goto(`${ui.demo.baseUrl}/#/reports/${encodeURIComponent(reportId)}`);
    await ui.page.locator('#report-description').waitFor();
    expect(await ui.page.locator('.print-only').isVisible()).to.equal(false);
    await screenshot(ui.page, 'report-officer-1440');
    await printScreenshot(ui.page, 'report-officer-print');
    expect(await ui.page.locator('#report-description').isVisible()).to.equal(false);
    expect(await ui.page.locator('.print-only [data-field="description"]').textContent()).to.equal(description);
    expect(await horizontalOverflow(ui.page)).to.equal(0);
  });

  it('fits the obligations and the report form into a 390×844 phone without sideways scrolling', async () => {
    await ui.openPage({ width: 390, height: 844 });
    await ui.logIn('officer');
    await ui.page.goto(`${ui.demo.baseUrl}/#/obligations`);
    await ui.page.locator('.obligation .deadline').first().waitFor();
    expect(await horizontalOverflow(ui.page)).to.equal(0);
    await screenshot(ui.page, 'obligations-officer-390');
    await ui.page.goto(`${ui.demo.baseUrl}/#/reports/${encodeURIComponent(reportId)}`);
    await ui.page.locator('#report-description').waitFor();
    expect(await horizontalOverflow(ui.page)).to.equal(0);
    await screenshot(ui.page, 'report-form-390');
  });
  it('lets the analyst select incidents in the queue and assign them to themselves in one go', async () => {
    await ui.logIn('analyst');
    await ui.page.goto(`${ui.demo.baseUrl}/#/incidents`);
    await ui.page.locator(`#select-${incidentId}`).check();
    expect(await ui.page.locator('.bulk-bar').textContent()).to.contain('1 ausgewählt');
    await ui.page.locator('#bulk-assign').click();
    await ui.page.locator('.bulk-bar').filter({ hasText: '1 geändert, 0 nicht möglich.' }).waitFor();
    const token = await ui.demo.token('analyst');
    const me = await ui.demo.api<{ id: string }>(token, '/api/v1/auth/me');
    const incident = await ui.demo.api<{ incident: { assignee: string | null } }>(token, `/api/v1/incidents/${encodeURIComponent(incidentId)}`);
    expect(incident.incident.assignee).to.equal(me.id);
    expect(ui.problems).to.deep.equal([]);
  });
});
