import path from 'node:path';
import { expect } from 'chai';
import { systemClock } from '../../core/clock.js';
import type { Alert } from '../../core/domain/alert.js';
import type { EcsEvent } from '../../core/domain/ecs.js';
import { ALL } from '../../core/domain/scope.js';
import { incidentUpdateFor } from '../../detectors/incidents/incident-update.js';
import { recordAlertBatch } from '../../workflows/incident-recorder.js';
import { horizontalOverflow, screenshot } from '../support/browser.js';
import { useBrowserSuite } from './browser-suite.js';

interface Sighting {
  id: string;
  organizationId: string;
  host: string;
  user: string;
  source: string;
  minutesAgo: number;
}

/** One alert with its one event, as the detectors hand it to the incident recorder. */
function alertOf(sighting: Sighting): Alert {
  const at = new Date(Date.now() - sighting.minutesAgo * 60_000).toISOString();
  const event = {
    '@timestamp': at,
    event: { id: `ev-${sighting.id}`, action: 'ssh_login', outcome: 'failure', original: `sshd[4711]: Failed password for ${sighting.user} from ${sighting.source} port 50022 ssh2` },
    organization: { id: sighting.organizationId },
    source: { ip: sighting.source },
    host: { name: sighting.host },
    user: { name: sighting.user },
  } as EcsEvent;
  return {
    '@timestamp': at,
    alert: { id: sighting.id, count: 1 },
    rule: { id: 'ssh-guessing', title: 'SSH-Passwortraten', level: 'high', type: 'sigma' },
    event_ids: [event.event.id],
    organization: { id: sighting.organizationId },
    tags: ['attack.credential-access'],
    events: [event],
  };
}

const RADEBEUL: Sighting[] = [
  { id: 'sh-r1', organizationId: 'radebeul', host: 'portal.radebeul.example', user: 'root', source: '203.0.113.61', minutesAgo: 50 },
  { id: 'sh-r2', organizationId: 'radebeul', host: 'portal.radebeul.example', user: 'admin', source: '203.0.113.61', minutesAgo: 40 },
];
const MORITZBURG: Sighting = { id: 'sh-m1', organizationId: 'moritzburg', host: 'mail.moritzburg.example', user: 'moritz-postmaster', source: '192.0.2.99', minutesAgo: 30 };

/**
 * Lagebild issue 19, item 4: the CERT folds Moritzburg's incident into Radebeul's, one attacker
 * behind both. Radebeul's officer opens the shared incident: their own evidence, counted as theirs,
 * and nothing to change of what is the CERT's; what they may do is comment and file the report asked of them.
 */
describe('e2e > ui > an officer on a shared incident', function () {
  this.timeout(90_000);
  let sharedId: string;
  const ui = useBrowserSuite({
    rulesDir: path.resolve('tests/fixtures/e2e/rules'),
    seed: async (demo) => {
      const store = demo.service.store;
      await recordAlertBatch({ store, clock: systemClock, incidentUpdateFor, critical: async () => new Set() }, [...RADEBEUL, MORITZBURG].map(alertOf));
      const incidents = (await store.incidents.list({ limit: 50 }, ALL)).items;
      const of = (organizationId: string) => incidents.find((incident) => incident.organizationIds.length === 1 && incident.organizationIds[0] === organizationId)!;
      const radebeul = of('radebeul');
      const token = await demo.token('analyst');
      const post = (pathAndQuery: string, body: object) => demo.api(token, pathAndQuery, { method: 'POST', body: JSON.stringify(body) });
      await post(`/api/v1/incidents/${encodeURIComponent(radebeul.id)}/merge`, { sourceIds: [of('moritzburg').id], version: radebeul.version });
      await post(`/api/v1/incidents/${encodeURIComponent(radebeul.id)}/report-obligations`, { organizationId: 'radebeul', awarenessAt: new Date(Date.now() - 20 * 60_000).toISOString() });
      sharedId = radebeul.id;
    },
  });

  const openShared = async (width: number, height: number) => {
    await ui.openPage({ width, height });
    await ui.logIn('officer');
    await ui.page.goto(`${ui.demo.baseUrl}/#/incidents/${encodeURIComponent(sharedId)}`);
    await ui.page.locator('#own-events').waitFor();
  };

  it('shows the officer the events of their own organisation, counted as theirs, and none of Moritzburg\'s', async () => {
    const cert = await ui.demo.api<{ incident: { organizationIds: string[]; eventCount: number } }>(await ui.demo.token('analyst'), `/api/v1/incidents/${encodeURIComponent(sharedId)}`);
    expect(cert.incident.organizationIds).to.have.members(['radebeul', 'moritzburg']);
    expect(cert.incident.eventCount).to.equal(3);

    await openShared(1440, 900);
    const rows = ui.page.locator('#own-events tbody tr');
    expect(await rows.evaluateAll((items) => items.map((item) => item.getAttribute('data-event-id')))).to.deep.equal(['ev-sh-r1', 'ev-sh-r2']);
    expect(await rows.first().textContent()).to.contain('portal.radebeul.example').and.to.contain('203.0.113.61').and.to.contain('Failed password for root');
    expect(await ui.page.locator('#own-events-title').textContent()).to.equal('Ereignisse Ihrer Organisation 2');
    const summary = await ui.page.locator('.summary').first().innerText();
    expect(summary).to.match(/Alarme\s+2/).and.to.match(/Ereignisse\s+2/);
    const text = (await ui.page.locator('main').textContent()) ?? '';
    for (const foreign of ['Moritzburg', 'moritzburg', MORITZBURG.user, MORITZBURG.source, 'ev-sh-m1']) expect(text, foreign).not.to.contain(foreign);
    expect(await horizontalOverflow(ui.page)).to.equal(0);
    await screenshot(ui.page, 'incident-shared-officer-1440');
    expect(ui.problems).to.deep.equal([]);
  });

  it('offers the officer no action on what is the CERT\'s: only comments and the report asked of them', async () => {
    await openShared(1440, 900);
    expect(await ui.page.locator('#incident-shared').textContent()).to.contain('verantwortet das SAX.CERT');
    const certControls = ['[data-status]', '#assign-to-me', '#unassign', '#incident-severity', '#incident-tlp', '#classification-save', '#merge-search', '#merge-submit', '#suppress-open', '#request-report', '#create-warning', '.bulk-bar'];
    for (const selector of certControls) expect(await ui.page.locator(selector).count(), selector).to.equal(0);
    // Every button on the page is one the officer may press.
    const buttons = await ui.page.locator('main button').evaluateAll((items) => items.map((item) => item.id || item.getAttribute('data-phase')));
    expect(buttons.filter((name) => name !== 'comment-submit' && !/^start-.*-(early_warning|notification|final)$/.test(name ?? ''))).to.deep.equal([]);
    expect(await ui.page.locator('#comment-body').count()).to.equal(1);

    await ui.page.locator('#own-reporting button[data-phase="early_warning"]').click();
    await ui.page.locator('#report-title').waitFor();
    expect(await ui.page.locator('#report-title').textContent()).to.equal('Erstmeldung · Große Kreisstadt Radebeul');
    expect(await ui.page.locator('#report-isbContact-email').inputValue()).to.equal('isb@radebeul.example');
    expect(ui.problems).to.deep.equal([]);
  });

  it('fits the officer\'s view of the shared incident into a 390×844 phone', async () => {
    await openShared(390, 844);
    expect(await horizontalOverflow(ui.page)).to.equal(0);
    await screenshot(ui.page, 'incident-shared-officer-390');
  });
});
