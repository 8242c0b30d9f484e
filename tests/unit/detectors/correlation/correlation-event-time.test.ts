import { expect } from 'chai';
import type { EcsEvent } from '../../../../core/domain/ecs.js';
import { compileCorrelations } from '../../../../detectors/correlation/compile-correlations.js';
import { CorrelationEngine, type RuleFiring } from '../../../../detectors/correlation/correlation-engine.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const BASE = Date.parse('2025-03-10T08:00:00Z');

function engineFor(correlation: Record<string, unknown>, clock: () => number): CorrelationEngine {
  const { correlations, problems } = compileCorrelations([{ file: 'c.yml', line: 1, doc: { title: 'C', id: 'c', correlation } }], [{ id: 'a' }, { id: 'b' }]);
  expect(problems).to.deep.equal([]);
  return new CorrelationEngine(correlations, { latenessMs: HOUR, clock });
}

let counter = 0;
function failed(at: number, ip: string, rule = 'a'): RuleFiring {
  const id = `e${++counter}`;
  const event = { '@timestamp': new Date(at).toISOString(), event: { id }, organization: { id: 'org-a' }, source: { ip } } as EcsEvent;
  return { ruleId: rule, event, time: at, eventIds: [id], organizationIds: ['org-a'] };
}

describe('detectors > correlation > event time per group key', () => {
  it('counts a burst whose events arrive in reverse order', () => {
    const engine = engineFor({ type: 'event_count', rules: ['a'], 'group-by': ['source.ip'], timespan: '5m', condition: { gte: 5 } }, () => 0);
    const hits = [4, 3, 2, 1, 0].flatMap((minute) => engine.observe(failed(BASE + minute * MINUTE, '203.0.113.7')));
    expect(hits.map((hit) => hit.eventCount)).to.deep.equal([5]);
  });

  it('lets no key’s clock hours ahead close another key’s window', () => {
    const engine = engineFor({ type: 'event_count', rules: ['a'], 'group-by': ['source.ip'], timespan: '5m', condition: { lt: 3 } }, () => 0);
    engine.observe(failed(BASE, '198.51.100.1'));
    // A source whose clock runs five hours ahead, on another key.
    expect(engine.observe(failed(BASE + 5 * HOUR, '192.0.2.99'))).to.have.length(0);
    engine.observe(failed(BASE + MINUTE, '198.51.100.1'));
    engine.observe(failed(BASE + 2 * MINUTE, '198.51.100.1'));
    // The window of 198.51.100.1 still holds all three; decided at the end it does not meet lt 3.
    expect(engine.flush().map((hit) => hit.group['source.ip'])).to.deep.equal(['192.0.2.99']);
  });

  it('lets no newer event of another group make a group’s events late', () => {
    const engine = engineFor({ type: 'event_count', rules: ['a'], 'group-by': ['source.ip'], timespan: '10m', condition: { gte: 3 } }, () => 0);
    engine.observe(failed(BASE + 6 * HOUR, '192.0.2.99'));
    const hits = [0, 1, 2].flatMap((minute) => engine.observe(failed(BASE + minute * MINUTE, '203.0.113.7')));
    expect(hits).to.have.length(1);
    expect(engine.stats().lateEvents).to.equal(0);
  });

  it('correlates a batch up to the allowed lateness behind the group’s newest event, and counts older ones as late', () => {
    const engine = engineFor({ type: 'event_count', rules: ['a'], 'group-by': ['source.ip'], timespan: '10m', condition: { gte: 3 } }, () => 0);
    engine.observe(failed(BASE + 2 * HOUR, '203.0.113.7'));
    const within = [70, 71, 72].flatMap((minute) => engine.observe(failed(BASE + minute * MINUTE, '203.0.113.7')));
    expect(within).to.have.length(1);
    engine.observe(failed(BASE + 3 * HOUR, '203.0.113.7'));
    const beyond = [0, 1, 2].flatMap((minute) => engine.observe(failed(BASE + minute * MINUTE, '203.0.113.7')));
    expect(beyond).to.have.length(0);
    expect(engine.stats().lateEvents).to.equal(3);
  });

  it('decides a silent key’s lt window once wall-clock time has carried it past the window and the lateness', () => {
    let wall = 0;
    const engine = engineFor({ type: 'event_count', rules: ['a'], 'group-by': ['source.ip'], timespan: '5m', condition: { lt: 2 } }, () => wall);
    engine.observe(failed(BASE, '198.51.100.1'));
    wall = 30 * MINUTE;
    expect(engine.advance()).to.have.length(0);
    wall = HOUR + 6 * MINUTE;
    expect(engine.advance().map((hit) => [hit.group['source.ip'], hit.eventCount])).to.deep.equal([['198.51.100.1', 1]]);
    expect(engine.stats().keys).to.equal(0);
  });

  it('finds temporal_ordered sequences whose first step arrives last, within the lateness', () => {
    const engine = engineFor({ type: 'temporal_ordered', rules: ['a', 'b'], 'group-by': ['source.ip'], timespan: '10m' }, () => 0);
    expect(engine.observe(failed(BASE + 5 * MINUTE, '203.0.113.7', 'b'))).to.have.length(0);
    expect(engine.observe(failed(BASE + 50 * MINUTE, '203.0.113.7', 'b'))).to.have.length(0);
    expect(engine.observe(failed(BASE + MINUTE, '203.0.113.7', 'a'))).to.have.length(1);
  });
});
