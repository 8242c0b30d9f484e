import { expect } from 'chai';
import path from 'node:path';
import { createAttributor } from '../../../collectors/attribution/attributor.js';
import { normaliseEvent } from '../../../collectors/normalise-event.js';
import { autoParser } from '../../../collectors/parsers/auto.js';
import type { Alert } from '../../../core/domain/alert.js';
import type { EcsEvent } from '../../../core/domain/ecs.js';
import { attackScenario } from '../../../cli/demo/attack-scenario.js';
import { DEMO_ORGANISATIONS } from '../../../cli/demo/demo-constituency.js';
import { DetectionEngine } from '../../../detectors/detection-engine.js';

const START = new Date('2026-03-10T09:00:00.000Z');
const HOUR = 3_600_000;
/** What replayAttackScenario waits between two lines. */
const PAUSE_MS = 20;

/** The scenario's lines through the collector's steps, as the demo's replay sends them. */
function events(): { event: EcsEvent; arrivalMs: number }[] {
  const attributor = createAttributor(DEMO_ORGANISATIONS);
  return attackScenario(START).map(({ line, peer }, index) => {
    const arrivalMs = START.getTime() + index * PAUSE_MS;
    const outcome = autoParser.parse(line, { receivedAt: new Date(arrivalMs), peerAddress: peer });
    if (!outcome.ok) throw new Error(`unparseable demo line: ${line}`);
    return { event: normaliseEvent(outcome.event, new Date(arrivalMs), attributor, { peerAddress: peer }), arrivalMs };
  });
}

const hostOf = (event: EcsEvent) => (event.host as { name?: string } | undefined)?.name;
const sourceIpOf = (alert: Alert) => (alert.events ?? []).map((event) => (event.source as { ip?: string } | undefined)?.ip);

describe('cli > demo > attack scenario delivered late and out of order', () => {
  const delivered = events();

  it('sends Moritzburg firewall lines three hours ahead, the Landesdirektion in a block after the rest, and the portal spool last', () => {
    const times = (host: string) => delivered.filter(({ event }) => hostOf(event) === host).map(({ event }) => Date.parse(event['@timestamp']) - START.getTime());
    expect(Math.min(...times('fw.moritzburg.example'))).to.equal(3 * HOUR + 92_000);
    const order = delivered.map(({ event }) => hostOf(event));
    const lastCurrent = Math.max(...delivered.map(({ event }, index) => (hostOf(event) !== 'fs01.lds.example' && Date.parse(event['@timestamp']) > START.getTime() - HOUR ? index : -1)));
    expect(order.indexOf('fs01.lds.example')).to.be.greaterThan(lastCurrent);
    const spool = delivered.filter(({ event }) => Date.parse(event['@timestamp']) < START.getTime() - HOUR);
    expect(spool).to.have.length(13);
    expect(delivered.slice(-13)).to.deep.equal(spool);
  });

  it('delivers part of the lines out of the order they were written in', () => {
    const portal = delivered.filter(({ event }) => hostOf(event) === 'portal.radebeul.example' && Date.parse(event['@timestamp']) >= START.getTime()).map(({ event }) => Date.parse(event['@timestamp']));
    expect(portal).to.have.length(25);
    expect(portal).to.not.deep.equal([...portal].sort((a, b) => a - b));
  });

  it('still raises every alert of the story; the late spool only through its single-event rule', async function () {
    // Loads the shipped rules, thousands of SigmaHQ rules among them.
    this.timeout(120_000);
    let now = START.getTime();
    const { engine } = await DetectionEngine.load(path.resolve('rules'), { correlation: { clock: () => now } });
    const alerts: Alert[] = [];
    for (const { event, arrivalMs } of delivered) {
      now = arrivalMs;
      alerts.push(...engine.process(event));
    }
    alerts.push(...engine.flush());
    const { sigmaRules, correlations } = engine.rules();
    const idOf = (name: string) => [...sigmaRules, ...correlations].find((rule) => rule.name === name)!.id;
    const fired = (rule: string, ip: string) => alerts.some((alert) => alert.rule.id === idOf(rule) && sourceIpOf(alert).includes(ip));
    expect(fired('ssh_password_guessing', '203.0.113.45'), 'guessing at the portal').to.equal(true);
    expect(fired('port_scan_external', '203.0.113.99'), 'scan of Moritzburg, clock ahead').to.equal(true);
    expect(fired('password_spraying_across_organisations', '198.51.100.23'), 'spraying').to.equal(true);
    expect(fired('ssh_root_login', '203.0.113.77'), 'root login at the Landesdirektion, in a block').to.equal(true);
    expect(fired('ssh_root_login', '192.0.2.201'), 'root login in the late spool').to.equal(true);
    expect(fired('ssh_password_guessing', '192.0.2.201'), 'guessing in the late spool').to.equal(false);
    expect(engine.stats().lateEvents).to.be.at.least(12);
  });
});
