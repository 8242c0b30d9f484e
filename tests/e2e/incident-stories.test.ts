import path from 'node:path';
import { expect } from 'chai';
import { systemClock } from '../../core/clock.js';
import type { Alert, RuleLevel } from '../../core/domain/alert.js';
import type { EcsEvent } from '../../core/domain/ecs.js';
import type { Incident } from '../../core/domain/incident.js';
import { ALL } from '../../core/domain/scope.js';
import type { AppStore } from '../../core/ports/app-store.js';
import { incidentUpdateFor } from '../../detectors/incidents/incident-update.js';
import { recordAlertBatch } from '../../workflows/incident-recorder.js';
import { screenshot } from '../support/browser.js';
import { useBrowserSuite } from './browser-suite.js';

const ATTACKER = '203.0.113.99';

function alertOf(id: string, hoursAgo: number, organizationId: string, host: string, rule: { title: string; level: RuleLevel; tags?: string[] }): Alert {
  const at = new Date(Date.now() - hoursAgo * 3_600_000).toISOString();
  const event = { '@timestamp': at, event: { id: `ev-${id}` }, organization: { id: organizationId }, source: { ip: ATTACKER }, host: { name: host } } as EcsEvent;
  return { '@timestamp': at, alert: { id, count: 1 }, rule: { id: `rule-${id}`, title: rule.title, level: rule.level, type: 'sigma' }, event_ids: [`ev-${id}`], organization: { id: organizationId }, tags: rule.tags ?? [], events: [event] };
}

/** What the incident recorder does with alerts from the bus: story grouping, then campaigns. */
async function record(store: AppStore, alerts: Alert[]): Promise<void> {
  await recordAlertBatch({ store, clock: systemClock, incidentUpdateFor, critical: async () => new Set() }, alerts);
}

describe('e2e > ui > incident stories', function () {
  this.timeout(60_000);
  let radebeul: Incident;
  let moritzburg: Incident;
  let campaign: Incident;
  const ui = useBrowserSuite({
    rulesDir: path.resolve('tests/fixtures/e2e/rules'),
    seed: async (demo) => {
      const store = demo.service.store;
      // One attacker, two towns: each town's own incident, and a campaign over both for the CERT.
      await record(store, [
        alertOf('st-r0', 23, 'radebeul', 'vpn', { title: 'VPN-Anmeldeversuche von außen', level: 'medium', tags: ['attack.credential-access', 'attack.t1110'] }),
        alertOf('st-m1', 3, 'moritzburg', 'mail', { title: 'Passwortraten am Mailserver', level: 'high' }),
      ]);
      await record(store, [alertOf('st-r1', 1, 'radebeul', 'vpn', { title: 'VPN-Anmeldung nach Fehlversuchen', level: 'high', tags: ['attack.initial-access'] })]);
      const all = (await store.incidents.list({ limit: 50 }, ALL)).items;
      const child = (organizationId: string) => all.find((incident) => incident.organizationIds.includes(organizationId) && incident.campaignId)!;
      radebeul = child('radebeul');
      moritzburg = child('moritzburg');
      campaign = all.find((incident) => incident.childIds !== undefined)!;
      expect(campaign.childIds).to.have.members([radebeul.id, moritzburg.id]);
    },
  });

  it('shows the CERT an incident\'s related incident in another town, and follows the link', async () => {
    await ui.openPage({ width: 1440, height: 900 });
    await ui.logIn('analyst');
    await ui.page.goto(`${ui.demo.baseUrl}/#/incidents/${encodeURIComponent(radebeul.id)}`);
    const related = ui.page.locator('#related-incidents');
    await related.waitFor();
    const item = related.locator('li', { has: ui.page.locator(`a[href="#/incidents/${encodeURIComponent(moritzburg.id)}"]`) });
    expect(await item.textContent()).to.contain('Gemeinde Moritzburg').and.to.contain(`source.ip=${ATTACKER}`);
    expect(await ui.page.locator('#incident-entities').textContent()).to.contain(`source.ip=${ATTACKER}`).and.to.contain('host.name=vpn');
    await screenshot(ui.page, 'incident-related-1440');
    await item.locator(`a[href="#/incidents/${encodeURIComponent(moritzburg.id)}"]`).click();
    await ui.page.locator('#incident-title', { hasText: moritzburg.title }).waitFor();
    expect(ui.page.url()).to.match(new RegExp(`#/incidents/${encodeURIComponent(moritzburg.id)}$`));
    expect(ui.problems).to.deep.equal([]);
  });

  it('shows the CERT a campaign with its affected towns, and an entity with its alerts per day', async () => {
    await ui.openPage({ width: 1440, height: 900 });
    await ui.logIn('analyst');
    await ui.page.goto(`${ui.demo.baseUrl}/#/incidents/${encodeURIComponent(campaign.id)}`);
    await ui.page.locator('#campaign-children').waitFor();
    expect(await ui.page.locator('.badges .campaign-badge').textContent()).to.equal('Kampagne');
    const affected = await ui.page.locator('#campaign-children').textContent();
    expect(affected).to.contain('Große Kreisstadt Radebeul').and.to.contain('Gemeinde Moritzburg');
    expect(await ui.page.locator('.timeline').textContent()).to.contain(`gemeinsames Merkmal source.ip=${ATTACKER}`);

    await ui.page.locator('#incident-entities a', { hasText: `source.ip=${ATTACKER}` }).click();
    await ui.page.locator('#entity-alerts').waitFor();
    expect(await ui.page.locator('#entity-title').textContent()).to.contain(`source.ip=${ATTACKER}`);
    expect(await ui.page.locator('#entity-incidents li').count()).to.equal(3);
    expect(await ui.page.locator('#entity-alerts tbody tr').count()).to.equal(3);
    expect(await ui.page.locator('.chart-svg rect').count()).to.be.at.least(1);
    await screenshot(ui.page, 'entity-1440');
    expect(ui.problems).to.deep.equal([]);
  });

  it('shows an officer their campaign child without a trace of the other town or the campaign', async () => {
    await ui.logIn('officer');
    await ui.page.goto(`${ui.demo.baseUrl}/#/incidents/${encodeURIComponent(radebeul.id)}`);
    await ui.page.locator('#related-title').waitFor();
    const text = (await ui.page.locator('main').textContent()) ?? '';
    expect(text).to.contain(radebeul.title);
    for (const foreign of ['Moritzburg', 'moritzburg', moritzburg.id, moritzburg.title, 'Passwortraten', campaign.id, campaign.title, 'Kampagne', 'Betroffene Organisationen']) expect(text, foreign).not.to.contain(foreign);
    expect(await ui.page.locator('#related-incidents').count(), 'nothing related in Radebeul').to.equal(0);
    expect(ui.problems).to.deep.equal([]);
  });

  it('tells the CERT why the Radebeul story is rated as it is, with its stages in kill-chain order', async () => {
    await ui.openPage({ width: 1440, height: 900 });
    await ui.logIn('analyst');
    await ui.page.goto(`${ui.demo.baseUrl}/#/incidents/${encodeURIComponent(radebeul.id)}`);
    const panel = ui.page.locator('#story-risk');
    await panel.waitFor();
    const score = Number(await panel.locator('[role="meter"]').getAttribute('aria-valuenow'));
    expect(score).to.be.within(60, 100);
    const reasons = await ui.page.locator('#risk-reasons li').allTextContents();
    expect(reasons).to.include('Höchste Regelstufe: Hoch');
    expect(reasons).to.include('2 Taktiken der Angriffskette, zuletzt Zugangsdatenzugriff');
    expect(await panel.locator('.kill-chain .covered').evaluateAll((items) => items.map((item) => item.getAttribute('data-tactic')))).to.deep.equal(['initial-access', 'credential-access']);
    // Initial access comes before credential access in the kill chain, though its alert arrived last.
    const stages = ui.page.locator('#attack-stages > li');
    expect(await stages.evaluateAll((items) => items.map((item) => item.getAttribute('data-tactic')))).to.deep.equal(['initial-access', 'credential-access']);
    expect(await stages.nth(0).textContent()).to.contain('VPN-Anmeldung nach Fehlversuchen');
    expect(await stages.nth(1).textContent()).to.contain('VPN-Anmeldeversuche von außen');
    await panel.scrollIntoViewIfNeeded();
    await screenshot(ui.page, 'incident-story-risk-1440');
    await ui.openPage({ width: 390, height: 844 });
    await ui.logIn('analyst');
    await ui.page.goto(`${ui.demo.baseUrl}/#/incidents/${encodeURIComponent(radebeul.id)}`);
    await ui.page.locator('#story-risk').scrollIntoViewIfNeeded();
    await screenshot(ui.page, 'incident-story-risk-390');
    expect(ui.problems).to.deep.equal([]);
  });
});
