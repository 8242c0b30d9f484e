import { expect } from 'chai';
import { csafProblems } from '../../workflows/warnings/csaf/validate-csaf.js';
import { horizontalOverflow, printScreenshot, screenshot } from '../support/browser.js';
import { XSS_IMG, XSS_SCRIPT } from './syslog-lines.js';
import { useBrowserSuite } from './browser-suite.js';
import { downloadFrom } from './downloads.js';

describe('e2e > ui > warnings', function () {
  this.timeout(60_000);
  let warningId: string;
  let trackingId: string;
  /** A hoch draft of the analyst's own, waiting for somebody else's approval. */
  let ownDraftId: string;
  const summary = `Aktiv ausgenutzte Schwachstelle im Bürgerportal. ${XSS_IMG} ${XSS_SCRIPT}`;
  const ui = useBrowserSuite({
    seed: async (demo) => {
      const analyst = await demo.token('analyst');
      const draft = await demo.api<{ id: string }>(analyst, '/api/v1/warnings', {
        method: 'POST',
        body: JSON.stringify({
          title: 'Kritische Lücke im Bürgerportal',
          summary,
          severity: 'hoch',
          tlp: 'TLP:AMBER',
          audience: { kind: 'organisations', organizationIds: ['radebeul'] },
          products: [{ vendor: 'Apache', product: 'HTTP Server', versions: ['2.4.57'], cves: ['CVE-2024-38476'] }],
          measures: ['Update auf Version 2.4.58 einspielen', 'Zugriffe aus dem Internet bis dahin sperren'],
        }),
      });
      warningId = draft.id;
      // A hoch warning always needs a second person's approval; the demo admin is not its author.
      await demo.api(await demo.token('admin'), `/api/v1/warnings/${warningId}/approve`, { method: 'POST' });
      trackingId = (await demo.api<{ warning: { trackingId: string } }>(analyst, `/api/v1/warnings/${warningId}/publish`, { method: 'POST' })).warning.trackingId;
      const own = await demo.api<{ id: string }>(analyst, '/api/v1/warnings', {
        method: 'POST',
        body: JSON.stringify({ title: 'Eigener Entwurf', summary: 'Wartet auf die Freigabe.', severity: 'hoch', tlp: 'TLP:GREEN', audience: { kind: 'all' } }),
      });
      ownDraftId = own.id;
    },
  });

  it('lets a recipient read a warning as text and acknowledge it for their organisation', async () => {
    await ui.logIn('recipient');
    expect(ui.page.url()).to.match(/#\/warnings$/);
    await ui.page.locator(`#warning-link-${warningId}`).click();
    await ui.page.locator('#acknowledge').waitFor();
    expect(await ui.page.locator('.page-warning .prose').first().textContent()).to.equal(summary);
    expect(await ui.page.locator('main img, main script').count()).to.equal(0);
    expect(await ui.page.evaluate('typeof window.__xss')).to.equal('undefined');
    await screenshot(ui.page, 'warning-recipient-1280');
    await ui.page.locator('#acknowledge').click();
    await ui.page.locator('.acknowledgement .notice-ok').waitFor();
    // Who acknowledged, by name, and when, to the minute.
    expect(await ui.page.locator('.acknowledgement').textContent()).to.match(/^Bestätigt am \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} von Paul Schneider$/);

    const analyst = await ui.demo.token('analyst');
    const detail = await ui.demo.api<{ deliveries: { organizationId: string; acknowledgedAt: string | null }[] }>(analyst, `/api/v1/warnings/${warningId}`);
    expect(detail.deliveries.find((delivery) => delivery.organizationId === 'radebeul')?.acknowledgedAt).to.be.a('string');
    expect(ui.problems).to.deep.equal([]);
  });

  it('shows the analyst who has read and acknowledged', async () => {
    await ui.logIn('analyst');
    await ui.page.goto(`${ui.demo.baseUrl}/#/warnings/${encodeURIComponent(warningId)}`);
    await ui.page.locator('#warning-deliveries').waitFor();
    expect(await ui.page.locator('.plain-table tbody tr').first().textContent()).to.contain('Radebeul');
    expect(await ui.page.locator('.plain-table tbody tr td').nth(2).textContent()).to.match(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} · Paul Schneider$/);
    await screenshot(ui.page, 'warning-analyst-1280');
  });

  it('lets the analyst save the published warning as a CSAF 2.0 file that validates', async () => {
    await ui.openPage({ width: 1440, height: 900 });
    await ui.logIn('analyst');
    expect(await ui.page.locator('.user-info').textContent()).to.equal('Angemeldet als Tobias Krause (Analyst/in)');
    await ui.page.goto(`${ui.demo.baseUrl}/#/warnings/${encodeURIComponent(warningId)}`);
    await ui.page.locator('#warning-csaf').waitFor();
    expect(await ui.page.locator('#warning-summary').locator('..').textContent()).to.match(/Veröffentlicht: \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);
    await screenshot(ui.page, 'warning-analyst-1440');

    const file = await downloadFrom(ui.page, ui.page.locator('#warning-csaf'));
    expect(trackingId).to.match(/^SAXCERT-\d{4}-\d{4}$/);
    expect(file.name).to.equal(`${trackingId.toLowerCase()}.json`);
    const csaf = JSON.parse(file.text) as { document: { title: string; lang: string; tracking: { id: string }; distribution: { tlp: { label: string } } }; vulnerabilities?: { cve?: string }[] };
    expect(csafProblems(csaf)).to.deep.equal([]);
    expect(csaf.document).to.deep.include({ title: 'Kritische Lücke im Bürgerportal', lang: 'de-DE' });
    expect(csaf.document.tracking.id).to.equal(trackingId);
    expect(csaf.document.distribution.tlp.label).to.equal('AMBER');
    expect(csaf.vulnerabilities?.map((vulnerability) => vulnerability.cve)).to.deep.equal(['CVE-2024-38476']);
    expect(ui.problems).to.deep.equal([]);
  });

  it('prints the warning without menu and buttons, readable on A4', async () => {
    await ui.logIn('analyst');
    await ui.page.goto(`${ui.demo.baseUrl}/#/warnings/${encodeURIComponent(warningId)}`);
    await ui.page.locator('#warning-deliveries').waitFor();
    await printScreenshot(ui.page, 'warning-analyst-print');
    expect(await ui.page.locator('.app-header').isVisible()).to.equal(false);
    expect(await ui.page.locator('#warning-actions').isVisible()).to.equal(false);
    expect(await ui.page.locator('main button:visible, main .button:visible').count()).to.equal(0);
    expect(await ui.page.locator('.page-warning .tlp').isVisible()).to.equal(true);
    expect(await ui.page.locator('#warning-measures').isVisible()).to.equal(true);
    expect(await horizontalOverflow(ui.page)).to.equal(0);
  });

  it('tells the author in German why they cannot approve their own warning', async () => {
    await ui.logIn('analyst');
    await ui.page.goto(`${ui.demo.baseUrl}/#/warnings/${encodeURIComponent(ownDraftId)}`);
    await ui.page.locator('#warning-approve').click();
    const error = ui.page.locator('.page-warning .notice-error');
    await error.waitFor();
    expect(await error.textContent()).to.equal('Sie haben diese Warnmeldung verfasst. Freigeben muss sie eine andere Analystin oder ein anderer Analyst.');
    await screenshot(ui.page, 'warning-error-german-1280');
    expect(ui.problems).to.deep.equal([]);
  });

  it('keeps another organisation\'s officer out of the warning', async () => {
    await ui.logIn('officer2');
    await ui.page.goto(`${ui.demo.baseUrl}/#/warnings`);
    await ui.page.locator('.page-warnings h1').waitFor();
    await ui.page.locator('.page-warnings .empty, .page-warnings table').first().waitFor();
    expect(await ui.page.locator(`#warning-link-${warningId}`).count()).to.equal(0);
  });

  it('lets the analyst compose a warning to a county and publish it, and a municipality in it acknowledges', async () => {
    await ui.logIn('analyst');
    await ui.page.goto(`${ui.demo.baseUrl}/#/warnings/new`);
    await ui.page.locator('#warning-title-input').fill('Phishing-Welle gegen Kreisverwaltungen');
    await ui.page.locator('#warning-summary-input').fill('Gefälschte Rechnungsmails mit Makro-Anhang im Landkreis.');
    await ui.page.locator('#warning-measures-input').fill('Makros aus dem Internet sperren\nMitarbeitende informieren');
    // mittel: below the severity that always needs a second analyst, so the author publishes alone.
    await ui.page.locator('#warning-severity-input').selectOption('mittel');
    await ui.page.locator('#warning-audience-input').selectOption('county');
    await ui.page.locator('#warning-county-input').selectOption('lk-meissen');
    expect(await ui.page.locator('#warning-approval-input').isChecked()).to.equal(false);
    await screenshot(ui.page, 'warning-compose-1280');
    await ui.page.locator('#warning-save').click();
    await ui.page.locator('#warning-publish').waitFor();
    const composedId = decodeURIComponent(/#\/warnings\/([^/]+)$/.exec(ui.page.url())![1]!);
    await ui.page.locator('#warning-publish').click();
    await ui.page.locator('#warning-csaf').waitFor();
    await ui.page.locator('#warning-deliveries').waitFor();
    // The municipalities of the county receive it (Radebeul, Moritzburg, Großenhain in the demo).
    expect(await ui.page.locator('.plain-table').last().textContent()).to.contain('Radebeul');

    await ui.openPage({ width: 1280, height: 800 });
    await ui.logIn('recipient');
    await ui.page.locator(`#warning-link-${composedId}`).click();
    await ui.page.locator('#acknowledge').click();
    await ui.page.locator('.acknowledgement .notice-ok').waitFor();
    await screenshot(ui.page, 'warning-county-acknowledged-1280');

    const analyst = await ui.demo.token('analyst');
    const detail = await ui.demo.api<{ warning: { status: string }; deliveries: { organizationId: string; acknowledgedAt: string | null }[] }>(analyst, `/api/v1/warnings/${composedId}`);
    expect(detail.warning.status).to.equal('published');
    expect(detail.deliveries.map((delivery) => delivery.organizationId)).to.have.members(['radebeul', 'moritzburg', 'grossenhain']);
    expect(detail.deliveries.find((delivery) => delivery.organizationId === 'radebeul')?.acknowledgedAt).to.be.a('string');
    expect(detail.deliveries.find((delivery) => delivery.organizationId === 'moritzburg')?.acknowledgedAt).to.equal(null);
    expect(ui.problems).to.deep.equal([]);
  });

  it('fits the warning into a 390×844 phone without sideways scrolling', async () => {
    await ui.openPage({ width: 390, height: 844 });
    await ui.logIn('recipient');
    await ui.page.locator(`#warning-link-${warningId}`).click();
    await ui.page.locator('.acknowledgement').waitFor();
    expect(await horizontalOverflow(ui.page)).to.equal(0);
    await screenshot(ui.page, 'warning-recipient-390');
  });
});
