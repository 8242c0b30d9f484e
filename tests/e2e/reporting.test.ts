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

  /** The fields of the form on screen, by the content path each one writes. */
  const formFields = () => ui.page.locator('.report-form [name]').evaluateAll((inputs) => [...new Set(inputs.map((input) => input.getAttribute('name')))]);
  /** Each marked field: its path, its message and whether its input says it is invalid. */
  const marks = () =>
    ui.page.locator('.report-form .field-invalid').evaluateAll((fields) =>
      fields.map((field) => {
        const input = field.querySelector('input, select, textarea');
        const message = field.querySelector('.field-error');
        return {
          path: input?.getAttribute('name'),
          message: message?.textContent,
          invalid: input?.getAttribute('aria-invalid'),
          describedByMessage: message !== null && (input?.getAttribute('aria-describedby') ?? '').split(' ').includes(message.id),
        };
      }),
    );
  const focusedName = () => ui.page.evaluate<string | null>("document.activeElement && document.activeElement.getAttribute('name')");

  it('gives the officer an early warning of its few fields, reporter and ISB filled in from the registry', async () => {
    await ui.openPage({ width: 1440, height: 900 });
    await ui.logIn('officer');
    await ui.page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: /^Meldepflichten( \d+ offen)?$/ }).click();
    const start = ui.page.locator('button[data-phase="early_warning"]').first();
    await start.waitFor();
    expect(await ui.page.locator('.obligation .countdown[data-due]').first().textContent()).to.match(/^noch \d+ h \d+ min$/);
    await screenshot(ui.page, 'obligations-officer-1280');
    await start.click();
    await ui.page.locator('#report-reporter-name').waitFor();
    reportId = decodeURIComponent(ui.page.url().split('#/reports/')[1]!);

    expect(await formFields()).to.deep.equal([
      'reporter.name',
      'reporter.email',
      'reporter.phone',
      'isbContact.name',
      'isbContact.email',
      'isbContact.phone',
      'awarenessAt',
      'startedAt',
      'description',
      'suspectedMaliciousAct',
      'impactOnOtherAuthorities',
      'tlp',
    ]);
    expect(await ui.page.getByLabel('Was ist passiert?').count()).to.equal(1);
    expect(await ui.page.getByLabel('Verdacht auf rechtswidrige oder böswillige Handlung').count()).to.equal(1);
    // From the registry: the officer's own account reports, Radebeul's ISB is the contact.
    expect(await ui.page.locator('#report-reporter-name').inputValue()).to.equal('Erika Muster');
    expect(await ui.page.locator('#report-reporter-email').inputValue()).to.equal('officer@demo.invalid');
    expect(await ui.page.locator('#report-isbContact-name').inputValue()).to.equal('Sabine Hoffmann');
    expect(await ui.page.locator('#report-isbContact-email').inputValue()).to.equal('isb@radebeul.example');
    expect(await ui.page.locator('#report-isbContact-phone').inputValue()).to.equal('+49 351 000000');
    expect(await ui.page.locator('#report-awarenessAt').inputValue()).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(await ui.page.locator('#report-description').getAttribute('required')).to.not.equal(null);
    expect(await ui.page.locator('#report-startedAt').getAttribute('required')).to.equal(null);
    expect(await horizontalOverflow(ui.page)).to.equal(0);
    await screenshot(ui.page, 'report-early-warning-form-1440');
    expect(ui.problems).to.deep.equal([]);
  });

  it('marks each missing or malformed field of a refused early warning next to it, focuses the first and keeps what was typed; then submits it', async () => {
    await ui.openPage({ width: 1440, height: 900 });
    await ui.logIn('officer');
    await ui.page.goto(`${ui.demo.baseUrl}/#/reports/${encodeURIComponent(reportId)}`);
    await ui.page.locator('#report-reporter-name').waitFor();
    await ui.page.locator('#report-reporter-name').fill('');
    await ui.page.locator('#report-reporter-email').fill('erika.muster');
    await ui.page.locator('#report-startedAt').fill('2025-03-03T07:45');
    await ui.page.locator('#report-impactOnOtherAuthorities').fill('Gemeinsames Bürgerportal mit Moritzburg');

    // The form's own check: nothing is sent while a required field is empty or an address malformed.
    await ui.page.locator('#report-submit').click();
    await ui.page.locator('#submit-result.notice-error').waitFor();
    expect(await marks()).to.deep.equal([
      { path: 'reporter.name', message: 'Bitte ausfüllen: in dieser Phase erforderlich.', invalid: 'true', describedByMessage: true },
      { path: 'reporter.email', message: 'Bitte eine gültige E-Mail-Adresse angeben, z. B. name@behoerde.sachsen.de.', invalid: 'true', describedByMessage: true },
      { path: 'description', message: 'Bitte ausfüllen: in dieser Phase erforderlich.', invalid: 'true', describedByMessage: true },
    ]);
    expect(await ui.page.locator('#submit-result li').allTextContents()).to.deep.equal(['Name der meldenden Person', 'E-Mail der meldenden Person', 'Was ist passiert?']);
    expect(await focusedName()).to.equal('reporter.name');
    expect(await ui.page.locator('#report-reporter-email').inputValue()).to.equal('erika.muster');
    expect(await ui.page.locator('#report-startedAt').inputValue()).to.equal('2025-03-03T07:45');
    expect(await ui.page.locator('#report-impactOnOtherAuthorities').inputValue()).to.equal('Gemeinsames Bürgerportal mit Moritzburg');
    // The draft keeps the malformed address as typed, so nothing is lost if the officer leaves now.
    expect(await ui.page.locator('#save-state').textContent()).to.match(/^Entwurf gespeichert /);
    const officer = await ui.demo.token('officer');
    const kept = await ui.demo.api<{ report: { draft: { reporter?: unknown; impactOnOtherAuthorities?: string } } }>(officer, `/api/v1/reports/${encodeURIComponent(reportId)}`);
    expect(kept.report.draft).to.deep.include({ reporter: { email: 'erika.muster' }, impactOnOtherAuthorities: 'Gemeinsames Bürgerportal mit Moritzburg' });
    await screenshot(ui.page, 'report-early-warning-refused-1440');

    // Changing a marked field takes its mark away; the others stay until the next attempt.
    await ui.page.locator('#report-reporter-name').fill('Erika Muster');
    expect((await marks()).map((mark) => mark.path)).to.deep.equal(['reporter.email', 'description']);
    expect(await ui.page.locator('#report-reporter-name').getAttribute('aria-invalid')).to.equal(null);

    // An address the browser takes but the server does not: the server's answer marks that field.
    await ui.page.locator('#report-reporter-email').fill('erika.muster@radebeul.example');
    await ui.page.locator('#report-isbContact-email').fill('isb@radebeul');
    await ui.page.locator('#report-description').fill(description);
    await ui.page.locator('#report-submit').click();
    await ui.page.locator('#submit-result.notice-error').waitFor();
    await ui.page.locator('.report-form .field-invalid').waitFor();
    expect(await marks()).to.deep.equal([{ path: 'isbContact.email', message: 'Bitte eine gültige E-Mail-Adresse angeben, z. B. name@behoerde.sachsen.de.', invalid: 'true', describedByMessage: true }]);
    expect(await focusedName()).to.equal('isbContact.email');
    expect(await ui.page.locator('#report-description').inputValue()).to.equal(description);
    expect((await ui.demo.api<{ versions: unknown[] }>(officer, `/api/v1/reports/${encodeURIComponent(reportId)}`)).versions).to.deep.equal([]);

    await ui.page.locator('#report-isbContact-email').fill('isb@radebeul.example');
    await ui.page.locator('#save-state').filter({ hasText: 'Entwurf gespeichert' }).waitFor();
    const draft = await ui.demo.api<{ report: { draft: { description?: string } } }>(officer, `/api/v1/reports/${encodeURIComponent(reportId)}`);
    expect(draft.report.draft.description).to.equal(description);

    await ui.page.locator('#report-submit').click();
    await ui.page.locator('#submit-result.notice-ok').waitFor();
    expect(await ui.page.locator('#submit-result').textContent()).to.equal('Eingereicht als Fassung 1.');
    expect(await ui.page.locator('.report-form .field-invalid').count()).to.equal(0);
    expect(await ui.page.locator('.deadline[data-phase="early_warning"] .deadline-state').first().textContent()).to.equal('eingereicht');
    expect(await ui.page.locator('.versions li[data-version="1"] summary').textContent()).to.match(/^Fassung 1 · \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} · officer$/);
    await ui.page.locator('.versions li[data-version="1"] summary').click();
    expect(await ui.page.locator('.versions [data-field="description"]').textContent()).to.equal(description);
    // The version shows what the early warning asked, not the empty questions of later phases.
    for (const unasked of ['tier', 'categories', 'ongoing', 'personalData.affected']) expect(await ui.page.locator(`.versions [data-field="${unasked}"]`).count(), unasked).to.equal(0);
    expect(await ui.page.locator('.versions [data-field="suspectedMaliciousAct"]').textContent()).to.equal('Unbekannt');
    expect(await ui.page.locator('main img, main script').count()).to.equal(0);
    expect(await ui.page.evaluate('typeof window.__xss')).to.equal('undefined');
    await screenshot(ui.page, 'report-early-warning-1440');

    const detail = await ui.demo.api<{ versions: { version: number; content: { description: string; tier: unknown; reporter: unknown; startedAt: string } }[] }>(officer, `/api/v1/reports/${encodeURIComponent(reportId)}`);
    expect(detail.versions.map((version) => version.version)).to.deep.equal([1]);
    expect(detail.versions[0]!.content).to.deep.include({ description, tier: null, reporter: { name: 'Erika Muster', email: 'erika.muster@radebeul.example' } });
    expect(Date.parse(detail.versions[0]!.content.startedAt)).to.equal(new Date('2025-03-03T07:45').getTime());
    expect(ui.problems).to.deep.equal([]);
  });

  it('carries the early warning into the notification, which asks for the assessment and for personal data with its 72-hour notice', async () => {
    await ui.openPage({ width: 1440, height: 900 });
    await ui.logIn('officer');
    await ui.page.goto(`${ui.demo.baseUrl}/#/obligations`);
    await ui.page.locator('button[data-phase="notification"]').first().click();
    await ui.page.locator('#report-tier').waitFor();
    expect(await ui.page.locator('#report-description').inputValue()).to.equal(description);
    expect(await ui.page.locator('#report-reporter-email').inputValue()).to.equal('erika.muster@radebeul.example');
    expect(await formFields()).to.include.members(['tier', 'categories', 'indicatorsOfCompromise', 'personalData.affected']);
    expect(await formFields()).to.not.include('rootCause');
    // The GDPR details and the 72-hour notice appear only once personal data is said to be affected.
    expect(await ui.page.locator('#report-personalData-subjectCategories').isVisible()).to.equal(false);
    expect(await ui.page.locator('#gdpr-duty').count()).to.equal(0);
    await ui.page.locator('#report-personalData-affected').check();
    await ui.page.locator('#report-personalData-subjectCategories').waitFor();
    expect(await ui.page.locator('#gdpr-duty').textContent()).to.match(/Fällig bis \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);

    await ui.page.locator('#report-submit').click();
    await ui.page.locator('#submit-result.notice-error').waitFor();
    expect((await marks()).map((mark) => [mark.path, mark.message])).to.deep.equal([
      ['tier', 'Bitte ausfüllen: in dieser Phase erforderlich.'],
      ['categories', 'Bitte ausfüllen: in dieser Phase erforderlich.'],
    ]);
    expect(await focusedName()).to.equal('tier');
    await screenshot(ui.page, 'report-notification-refused-1440');
    await ui.page.locator('#report-tier').selectOption('sicherheitsvorfall');
    await ui.page.locator('#report-categories-intrusion').check();
    await ui.page.locator('#report-submit').click();
    await ui.page.locator('#submit-result.notice-ok').waitFor();
    await ui.page.locator('#gdpr-duty').waitFor();
    const officer = await ui.demo.token('officer');
    const notificationId = decodeURIComponent(ui.page.url().split('#/reports/')[1]!);
    const detail = await ui.demo.api<{ versions: { content: { tier: string; categories: string[] } }[]; dataProtection: unknown }>(officer, `/api/v1/reports/${encodeURIComponent(notificationId)}`);
    expect(detail.versions[0]!.content).to.deep.include({ tier: 'sicherheitsvorfall', categories: ['intrusion'] });
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
    await screenshot(ui.page, 'report-early-warning-form-390');
    await ui.page.locator('#report-description').fill('');
    await ui.page.locator('#report-submit').click();
    await ui.page.locator('.report-form .field-invalid').waitFor();
    expect(await horizontalOverflow(ui.page)).to.equal(0);
    await screenshot(ui.page, 'report-early-warning-refused-390');
    await ui.page.goto(`${ui.demo.baseUrl}/#/obligations`);
    await ui.page.locator('a[data-phase="notification"]').first().click();
    await ui.page.locator('#report-tier').waitFor();
    expect(await horizontalOverflow(ui.page)).to.equal(0);
    await screenshot(ui.page, 'report-notification-form-390');
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
