import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Alert } from '../../../core/domain/alert.js';
import type { EcsEvent } from '../../../core/domain/ecs.js';
import { DetectionEngine } from '../../../detectors/detection-engine.js';

const FIXTURES = path.resolve('tests/fixtures/detection/late-delivery');
const FAILED = JSON.parse(readFileSync(path.join(FIXTURES, 'winlogbeat-4625.json'), 'utf8')) as EcsEvent;
const ACROSS_ORGANISATIONS = '0c6c7a8e-52b1-4b53-9d4a-3f1f5b2c9a14';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = Date.parse('2026-12-02T09:00:00Z');

function failedLogon(organisation: string, at: number, index: number): EcsEvent {
  const event = structuredClone(FAILED);
  event['@timestamp'] = new Date(at).toISOString();
  event.event.id = `${organisation}-${index}`;
  event.organization = { id: organisation };
  event.host = { name: `dc01.${organisation}.example` };
  return event;
}

describe('detectors > DetectionEngine on wrong clocks', () => {
  it('meets an organisation whose clock runs three hours ahead with the others in a key across organisations', async () => {
    let wall = NOW;
    const { engine } = await DetectionEngine.load(path.join(FIXTURES, 'rules'), { correlation: { clock: () => wall } });
    const alerts: Alert[] = [];
    const attack: [string, number][] = [
      ['gemeinde-a', 0],
      ['gemeinde-ahead', 3 * HOUR + 2 * MINUTE],
      ['gemeinde-b', 4 * MINUTE],
    ];
    attack.forEach(([organisation, offset], index) => {
      wall = NOW + index * 2 * MINUTE + MINUTE;
      alerts.push(...engine.process(failedLogon(organisation, NOW + offset, index)));
    });
    const campaign = alerts.filter((alert) => alert.rule.id === ACROSS_ORGANISATIONS);
    expect(campaign.map((alert) => alert.organization)).to.deep.equal([{ id: null, ids: ['gemeinde-a', 'gemeinde-ahead', 'gemeinde-b'] }]);
    expect(engine.stats().lateEvents).to.equal(0);
  });

  it('keeps an event a few minutes ahead (clocks drift) at its own time', async () => {
    const wall = NOW;
    const { engine } = await DetectionEngine.load(path.join(FIXTURES, 'rules'), { correlation: { clock: () => wall } });
    const alerts = [0, 1, 2, 3, 4].flatMap((index) => engine.process(failedLogon('gemeinde-a', NOW + 4 * MINUTE - index * 10_000, index)));
    const guessing = alerts.filter((alert) => alert.rule.title === 'Password guessing from one address (test)');
    expect(guessing.map((alert) => alert['@timestamp'])).to.deep.equal([new Date(NOW + 4 * MINUTE).toISOString()]);
  });
});
