import path from 'node:path';
import { expect } from 'chai';
import { csafProblems } from '../../workflows/warnings/csaf/validate-csaf.js';
import { horizontalOverflow, printScreenshot, screenshot } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { FAILED_LOGIN_MORITZBURG, XSS_IMG, XSS_SCRIPT } from './syslog-lines.js';
import { useBrowserSuite } from './browser-suite.js';
import { downloadFrom } from './downloads.js';

describe('e2e > ui > warnings', function () {
  this.timeout(60_000);
  let warningId: string;
  let trackingId: string;
  /** A hoch draft of the analyst's own, waiting for somebody else's approval. */
  let ownDraftId: string;
  /** The failed login at Moritzburg, an incident to draft a warning from. */
  let incidentId: string;
  /** The registry as the admin sees it: expectations about audiences come from it, not from memory. */
  let registry: { id: string; name: string; kind: string; parentId: string | null }[];
  const summary = `Aktiv ausgenutzte Schwachstelle im Bürgerportal. ${XSS_IMG} ${XSS_SCRIPT}`;
  const ui = useBrowserSuite({
    rulesDir: path.resolve('tests/fixtures/e2e/rules'),
    seed: async (demo) => {
      registry = (await demo.api<{ items: typeof registry }>(await demo.token('admin'), '/api/v1/organisations')).items;
      demo.service.collector!.accept(FAILED_LOGIN_MORITZBURG.line, { transport: 'tcp', peerAddress: FAILED_LOGIN_MORITZBURG.peer });
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
      const token = await demo.token('analyst');
      incidentId = await eventually(async () => (await demo.api<{ items: { id: string }[] }>(token, '/api/v1/incidents?organization=moritzburg')).items[0]?.id, 20_000, 'the Moritzburg incident');
    },
  });

  const namesOf = (keep: (organisation: (typeof registry)[number]) => boolean) =>
    registry
      .filter(keep)
      .map((organisation) => organisation.name)
      .sort((a, b) => a.localeCompare(b, 'de'));
  /** The counties of the registry: municipal bodies at the top with organisations below them. */
  const isCounty = (organisation: (typeof registry)[number]) => organisation.kind === 'municipal' && organisation.parentId === null && registry.some((other) => other.parentId === organisation.id);
  const county = () => registry.find(isCounty)!;

  /** Step 1 of the compose form, filled; mittel, so that the author may publish alone. */
  async function composeContent(title: string, screenshotName?: string): Promise<void> {
    await ui.page.goto(`${ui.demo.baseUrl}/#/warnings/new`);
    await ui.page.getByLabel('Titel').fill(title);
    await ui.page.getByLabel('Zusammenfassung').fill('Gefälschte Rechnungsmails mit Makro-Anhang im Landkreis.');
    await ui.page.getByLabel('Empfohlene Maßnahmen').fill('Makros aus dem Internet sperren\nMitarbeitende informieren');
    await ui.page.getByLabel('Schwere').selectOption('mittel');
    if (screenshotName) await screenshot(ui.page, screenshotName);
    await ui.page.getByRole('button', { name: 'Weiter', exact: true }).click();
    await ui.page.getByRole('heading', { name: /Empfängerkreis/ }).waitFor();
  }

  async function previewNames(): Promise<string[]> {
    await ui.page.locator('#audience-preview-list').waitFor();
    return ui.page.locator('#audience-preview-list li').allTextContents();
  }

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

  it('sends a warning to a county to exactly its municipalities, shown by name in the preview before it is saved', async () => {
    await ui.openPage({ width: 1440, height: 900 });
    await ui.logIn('analyst');
    await composeContent('Phishing-Welle gegen Kreisverwaltungen', 'warning-compose-content-1440');
    await screenshot(ui.page, 'warning-compose-audience-1440');
    await ui.page.getByLabel('Ein Landkreis').check();
    // The county picker offers counties only, by name: no municipality, ministry or the CERT.
    expect(await ui.page.locator('#warning-county-input option').allTextContents()).to.deep.equal(['Bitte Landkreis wählen', ...namesOf(isCounty)]);
    await ui.page.getByLabel('Landkreis', { exact: true }).selectOption({ label: county().name });
    await ui.page.getByRole('button', { name: 'Weiter zur Vorschau' }).click();

    const municipalities = namesOf((organisation) => organisation.parentId === county().id);
    expect(municipalities.length).to.be.greaterThan(1);
    expect(await previewNames()).to.deep.equal(municipalities);
    expect(await ui.page.locator('#audience-preview-count').textContent()).to.equal(`Diese Warnmeldung erhalten ${municipalities.length} Organisationen:`);
    expect(await ui.page.locator('.compose-summary').textContent()).to.contain(county().name);
    await screenshot(ui.page, 'warning-compose-preview-1440');
    expect(await horizontalOverflow(ui.page)).to.equal(0);

    await ui.page.getByRole('button', { name: 'Empfänger bestätigen und Entwurf speichern' }).click();
    await ui.page.locator('#warning-publish').waitFor();
    const composedId = decodeURIComponent(/#\/warnings\/([^/]+)$/.exec(ui.page.url())![1]!);
    expect(await ui.page.locator('#warning-audience-label').textContent()).to.equal(`${county().name} (${municipalities.length} Organisationen)`);
    await ui.page.locator('#warning-publish').click();
    await ui.page.locator('#warning-csaf').waitFor();
    await ui.page.locator('#warning-deliveries').waitFor();
    expect(await ui.page.locator('#warning-deliveries-table tbody tr td:first-child').allTextContents()).to.deep.equal(municipalities);
    expect(await ui.page.locator('#warning-ack-rate').textContent()).to.match(new RegExp(`^0 von ${municipalities.length} bestätigt \\(0\\s%\\)$`));

    const analyst = await ui.demo.token('analyst');
    const detail = await ui.demo.api<{ warning: { audience: unknown }; deliveries: { organizationId: string }[] }>(analyst, `/api/v1/warnings/${composedId}`);
    expect(detail.warning.audience).to.deep.equal({ kind: 'county', countyId: county().id });
    expect(detail.deliveries.map((delivery) => registry.find((organisation) => organisation.id === delivery.organizationId)!.name).sort((a, b) => a.localeCompare(b, 'de'))).to.deep.equal(municipalities);
    expect(ui.problems).to.deep.equal([]);
  });

  it('sends nothing of a kind the analyst switched away from: organisations chosen first do not go along with the county', async () => {
    await ui.logIn('analyst');
    await composeContent('Warnung an den Landkreis, nicht an die Ministerien');
    await ui.page.getByLabel('Einzelne Organisationen').check();
    const search = ui.page.getByLabel('Organisation suchen');
    const state = registry.filter((organisation) => organisation.kind === 'state');
    // The named organisations are searched by name; the CERT is not among them.
    await search.fill('sax.cert');
    expect(await ui.page.locator('#warning-organisation-list label.check:visible').count()).to.equal(0);
    for (const organisation of state) {
      await search.fill(organisation.name.slice(0, 12));
      await ui.page.getByLabel(organisation.name, { exact: true }).check();
    }
    expect(await ui.page.locator('#warning-organisations-selected').textContent()).to.equal(`${state.length} Organisationen ausgewählt`);
    await screenshot(ui.page, 'warning-compose-organisations-1280');

    await ui.page.getByLabel('Ein Landkreis').check();
    await ui.page.getByLabel('Einzelne Organisationen').check();
    expect(await ui.page.locator('#warning-organisation-list input:checked').count(), 'switching kind clears the other kinds').to.equal(0);
    await ui.page.getByLabel('Ein Landkreis').check();
    await ui.page.getByLabel('Landkreis', { exact: true }).selectOption({ label: county().name });
    await ui.page.getByRole('button', { name: 'Weiter zur Vorschau' }).click();
    const shown = await previewNames();
    for (const organisation of state) expect(shown).not.to.include(organisation.name);

    await ui.page.getByRole('button', { name: 'Empfänger bestätigen und Entwurf speichern' }).click();
    await ui.page.locator('#warning-publish').click();
    await ui.page.locator('#warning-deliveries').waitFor();
    const id = decodeURIComponent(/#\/warnings\/([^/]+)$/.exec(ui.page.url())![1]!);
    const detail = await ui.demo.api<{ warning: { audience: unknown }; deliveries: { organizationId: string }[] }>(await ui.demo.token('analyst'), `/api/v1/warnings/${id}`);
    expect(detail.warning.audience).to.deep.equal({ kind: 'county', countyId: county().id });
    const delivered = detail.deliveries.map((delivery) => delivery.organizationId);
    for (const organisation of state) expect(delivered).not.to.include(organisation.id);
    expect(ui.problems).to.deep.equal([]);
  });

  it('drafts a warning from an incident in German, with German times and no ISO timestamps, and lets the analyst edit it', async () => {
    await ui.logIn('analyst');
    await ui.page.goto(`${ui.demo.baseUrl}/#/incidents/${encodeURIComponent(incidentId)}`);
    await ui.page.locator('#create-warning').click();
    await ui.page.locator('#warning-edit').waitFor();
    const text = await ui.page.locator('main').textContent();
    expect(await ui.page.locator('#warning-summary').locator('..').locator('.prose').textContent()).to.match(/^Wir beobachten .* \d{2}\.\d{2}\.\d{4}.* \d{2}:\d{2} Uhr\. Betroffen ist .* Wir empfehlen, /);
    expect(text).not.to.match(/\d{4}-\d{2}-\d{2}|\d{2}:\d{2}:\d{2}/);
    expect(text).not.to.contain(incidentId);
    await screenshot(ui.page, 'warning-from-incident-1280');

    await ui.page.locator('#warning-edit').click();
    await ui.page.getByLabel('Titel').waitFor();
    await ui.page.getByLabel('Titel').fill('Fehlgeschlagene VPN-Anmeldungen');
    await ui.page.getByRole('button', { name: 'Weiter', exact: true }).click();
    // The incident's organisation is the draft's audience, ticked by name.
    const moritzburg = registry.find((organisation) => organisation.id === 'moritzburg')!;
    expect(await ui.page.getByLabel(moritzburg.name, { exact: true }).isChecked()).to.equal(true);
    await ui.page.getByRole('button', { name: 'Weiter zur Vorschau' }).click();
    expect(await previewNames()).to.deep.equal([moritzburg.name]);
    await ui.page.getByRole('button', { name: 'Empfänger bestätigen und Änderungen speichern' }).click();
    await ui.page.locator('#warning-title').filter({ hasText: 'Fehlgeschlagene VPN-Anmeldungen' }).waitFor();
    expect(ui.problems).to.deep.equal([]);
  });

  it('shows the recipient per warning whether their organisation has acknowledged it, and filters by it', async () => {
    await ui.logIn('recipient');
    await ui.page.locator('.warning-table').waitFor();
    const state = (id: string) => ui.page.locator(`tr[data-warning-id="${id}"] .col-acknowledgement`);
    // The seeded warning acknowledged (the first acknowledgement counts, so this may repeat the first test's), and an open one for Radebeul.
    await ui.demo.api(await ui.demo.token('recipient'), `/api/v1/warnings/${warningId}/acknowledge`, { method: 'POST' });
    const analyst = await ui.demo.token('analyst');
    const open = await ui.demo.api<{ id: string }>(analyst, '/api/v1/warnings', {
      method: 'POST',
      body: JSON.stringify({ title: 'Offene Warnung für Radebeul', summary: 'Bitte bestätigen.', severity: 'mittel', tlp: 'TLP:GREEN', audience: { kind: 'organisations', organizationIds: ['radebeul'] } }),
    });
    await ui.demo.api(analyst, `/api/v1/warnings/${open.id}/publish`, { method: 'POST' });
    await ui.page.reload();
    await state(open.id).waitFor();
    expect(await state(open.id).textContent()).to.equal('Offen');
    expect(await state(warningId).textContent()).to.equal('Bestätigt');
    await screenshot(ui.page, 'warning-inbox-recipient-1280');

    await ui.page.getByLabel('Anzeigen').selectOption('open');
    expect(await ui.page.locator(`tr[data-warning-id="${warningId}"]`).count()).to.equal(0);
    expect(await ui.page.locator(`tr[data-warning-id="${open.id}"]`).count()).to.equal(1);
    await ui.page.getByLabel('Anzeigen').selectOption('acknowledged');
    expect(await ui.page.locator(`tr[data-warning-id="${open.id}"]`).count()).to.equal(0);
    expect(await ui.page.locator(`tr[data-warning-id="${warningId}"]`).count()).to.equal(1);

    await ui.page.getByLabel('Anzeigen').selectOption('all');
    await ui.page.locator(`#warning-link-${open.id}`).click();
    await ui.page.locator('#acknowledge').click();
    await ui.page.locator('.acknowledgement .notice-ok').waitFor();
    await ui.page.locator('.back-link').click();
    await state(open.id).waitFor();
    expect(await state(open.id).textContent()).to.equal('Bestätigt');
    expect(ui.problems).to.deep.equal([]);
  });

  it('shows the analysts each warning\'s audience in words and its acknowledgement rate, and the dashboard the rate in percent', async () => {
    await ui.openPage({ width: 1440, height: 900 });
    await ui.logIn('analyst');
    await ui.page.goto(`${ui.demo.baseUrl}/#/warnings`);
    const row = ui.page.locator(`tr[data-warning-id="${warningId}"]`);
    await row.waitFor();
    const radebeul = registry.find((organisation) => organisation.id === 'radebeul')!;
    expect(await row.locator('.col-audience').textContent()).to.equal(`${radebeul.name} (1 Organisation)`);
    const deliveries = (await ui.demo.api<{ deliveries: { acknowledgedAt: string | null }[] }>(await ui.demo.token('analyst'), `/api/v1/warnings/${warningId}`)).deliveries;
    const acknowledged = deliveries.filter((delivery) => delivery.acknowledgedAt).length;
    const percent = Math.round((100 * acknowledged) / deliveries.length);
    expect(await row.locator('.col-acknowledgement').textContent()).to.match(new RegExp(`^${acknowledged} von ${deliveries.length} bestätigt \\(${percent}\\s%\\)$`));
    expect(await ui.page.locator(`tr[data-warning-id="${ownDraftId}"] .col-audience`).textContent()).to.match(/^Alle Organisationen \(\d+ Organisationen\)$/);
    await screenshot(ui.page, 'warning-list-analyst-1440');

    await ui.menu('Übersicht').click();
    const rates = ui.page.locator('#dashboard-ack-rates').locator('..');
    await rates.locator('.chart-value').first().waitFor();
    const values = await rates.locator('.chart-value').allTextContents();
    expect(values.length).to.be.greaterThan(0);
    for (const value of values) expect(value).to.match(/^\d{1,3}\s%$/);
    await screenshot(ui.page, 'dashboard-ack-rates-1440');
  });

  it('fits the compose steps into a 390×844 phone without sideways scrolling', async () => {
    await ui.openPage({ width: 390, height: 844 });
    await ui.logIn('analyst');
    await composeContent('Warnung auf dem Telefon', 'warning-compose-content-390');
    await ui.page.getByLabel('Einzelne Organisationen').check();
    expect(await horizontalOverflow(ui.page)).to.equal(0);
    await screenshot(ui.page, 'warning-compose-audience-390');
    await ui.page.getByLabel('Ein Landkreis').check();
    await ui.page.getByLabel('Landkreis', { exact: true }).selectOption({ label: county().name });
    await ui.page.getByRole('button', { name: 'Weiter zur Vorschau' }).click();
    await previewNames();
    expect(await horizontalOverflow(ui.page)).to.equal(0);
    await screenshot(ui.page, 'warning-compose-preview-390');
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
