import { expect } from 'chai';
import type { EcsEvent } from '../../../../core/domain/ecs.js';
import { compileCorrelations } from '../../../../detectors/correlation/compile-correlations.js';
import { CorrelationEngine, type RuleFiring } from '../../../../detectors/correlation/correlation-engine.js';

const BASE = Date.parse('2025-03-01T10:00:00Z');

function engineFor(correlation: Record<string, unknown>, options = {}) {
  const { correlations, problems } = compileCorrelations(
    [{ file: 'c.yml', line: 1, doc: { title: 'C', id: 'c', correlation } }],
    [{ id: 'a' }, { id: 'b' }, { id: 'c2' }],
  );
  expect(problems).to.deep.equal([]);
  return new CorrelationEngine(correlations, options);
}

let counter = 0;
function firing(ruleId: string, seconds: number, fields: Record<string, unknown> = {}): RuleFiring {
  const id = `e${++counter}`;
  const org = (fields.org as string | undefined) ?? 'org-a';
  const event = { '@timestamp': new Date(BASE + seconds * 1000).toISOString(), event: { id }, organization: { id: org }, source: { ip: '203.0.113.7' }, ...fields } as EcsEvent;
  return { ruleId, event, time: BASE + seconds * 1000, eventIds: [id], organizationIds: [org] };
}

describe('detectors > correlation > CorrelationEngine', () => {
  it('event_count fires once the count is reached within the timespan, per group key', () => {
    const engine = engineFor({ type: 'event_count', rules: ['a'], 'group-by': ['source.ip'], timespan: '1m', condition: { gte: 3 } });
    expect(engine.observe(firing('a', 0))).to.have.length(0);
    expect(engine.observe(firing('a', 10, { source: { ip: '198.51.100.1' } }))).to.have.length(0);
    expect(engine.observe(firing('a', 20))).to.have.length(0);
    const hits = engine.observe(firing('a', 30));
    expect(hits).to.have.length(1);
    expect(hits[0]!.group).to.deep.equal({ 'source.ip': '203.0.113.7' });
    expect(hits[0]!.eventCount).to.equal(3);
    expect(hits[0]!.eventIds).to.have.length(3);
    expect(hits[0]!.time).to.equal(BASE + 30_000);
  });

  it('event_count does not fire when the events are spread wider than the timespan', () => {
    const engine = engineFor({ type: 'event_count', rules: ['a'], 'group-by': ['source.ip'], timespan: '1m', condition: { gte: 3 } });
    const hits = [0, 50, 120, 190].flatMap((seconds) => engine.observe(firing('a', seconds)));
    expect(hits).to.have.length(0);
  });

  it('event_count counts an out-of-order event into its window', () => {
    const engine = engineFor({ type: 'event_count', rules: ['a'], 'group-by': ['source.ip'], timespan: '1m', condition: { gte: 3 } });
    expect(engine.observe(firing('a', 100))).to.have.length(0);
    expect(engine.observe(firing('a', 140))).to.have.length(0);
    expect(engine.observe(firing('a', 90))).to.have.length(1);
  });

  it('drops events later than timespan plus lateness and counts them', () => {
    const engine = engineFor({ type: 'event_count', rules: ['a'], 'group-by': ['source.ip'], timespan: '1m', condition: { gte: 2 } }, { latenessMs: 10_000 });
    engine.observe(firing('a', 1000));
    expect(engine.observe(firing('a', 1000 - 100))).to.have.length(0);
    expect(engine.stats().lateEvents).to.equal(1);
  });

  it('value_count counts distinct values per group and works across organisations', () => {
    const engine = engineFor({ type: 'value_count', rules: ['a'], 'group-by': ['source.ip'], timespan: '1h', condition: { field: 'organization.id', gte: 3 } });
    expect(engine.observe(firing('a', 0, { org: 'org-a' }))).to.have.length(0);
    expect(engine.observe(firing('a', 5, { org: 'org-a' }))).to.have.length(0);
    expect(engine.observe(firing('a', 6, { org: 'org-b' }))).to.have.length(0);
    const hits = engine.observe(firing('a', 7, { org: 'org-c' }));
    expect(hits).to.have.length(1);
    expect(hits[0]!.organizationIds).to.deep.equal(['org-a', 'org-b', 'org-c']);
  });

  it('event_count with more events than the condition fires at exactly the count and starts over', () => {
    const engine = engineFor({ type: 'event_count', rules: ['a'], 'group-by': ['source.ip'], timespan: '1m', condition: { gte: 3 } });
    const counts = [0, 1, 2, 3, 4, 5, 6].map((seconds) => engine.observe(firing('a', seconds)).map((hit) => hit.eventCount));
    expect(counts).to.deep.equal([[], [], [3], [], [], [3], []]);
  });

  it('event_count slides its window over a steady stream without firing, then fires on a burst', () => {
    const engine = engineFor({ type: 'event_count', rules: ['a'], 'group-by': ['source.ip'], timespan: '10s', condition: { gte: 4 } }, { latenessMs: 0 });
    const steady = Array.from({ length: 50 }, (_, i) => engine.observe(firing('a', i * 4))).flat();
    expect(steady).to.have.length(0);
    expect(engine.observe(firing('a', 197)).map((hit) => hit.eventCount)).to.deep.equal([4]);
  });

  it('event_count counts out-of-order events among many kept times', () => {
    const engine = engineFor({ type: 'event_count', rules: ['a'], 'group-by': ['source.ip'], timespan: '10s', condition: { gte: 3 } });
    for (const seconds of [0, 5, 30, 40, 50]) expect(engine.observe(firing('a', seconds))).to.have.length(0);
    expect(engine.observe(firing('a', 7)).map((hit) => hit.eventCount)).to.deep.equal([3]);
  });

  it('value_count gte N fires exactly when the N-th distinct value arrives', () => {
    const engine = engineFor({ type: 'value_count', rules: ['a'], 'group-by': ['source.ip'], timespan: '1m', condition: { field: 'user.name', gte: 3 } });
    const user = (name: string) => ({ user: { name } });
    expect(engine.observe(firing('a', 0, user('u1')))).to.have.length(0);
    expect(engine.observe(firing('a', 1, user('u2')))).to.have.length(0);
    expect(engine.observe(firing('a', 2, user('u1')))).to.have.length(0);
    expect(engine.observe(firing('a', 3, user('u2')))).to.have.length(0);
    const hits = engine.observe(firing('a', 4, user('u3')));
    expect(hits.map((hit) => hit.eventCount)).to.deep.equal([3]);
  });

  it('value_count gt counts one more than the value, fractions rounded up', () => {
    const engine = engineFor({ type: 'value_count', rules: ['a'], 'group-by': ['source.ip'], timespan: '1m', condition: { field: 'user.name', gt: 1.5 } });
    expect(engine.observe(firing('a', 0, { user: { name: 'u1' } }))).to.have.length(0);
    expect(engine.observe(firing('a', 1, { user: { name: 'u2' } })).map((hit) => hit.eventCount)).to.deep.equal([2]);
  });

  it('value_count counts every value of a list', () => {
    const engine = engineFor({ type: 'value_count', rules: ['a'], 'group-by': ['source.ip'], timespan: '1m', condition: { field: 'user.name', gte: 3 } });
    expect(engine.observe(firing('a', 0, { user: { name: ['u1', 'u2'] } }))).to.have.length(0);
    expect(engine.observe(firing('a', 1, { user: { name: ['u2', 'u3'] } })).map((hit) => hit.eventCount)).to.deep.equal([3]);
  });

  it('value_count does not count values seen only before the timespan', () => {
    const engine = engineFor({ type: 'value_count', rules: ['a'], 'group-by': ['source.ip'], timespan: '1m', condition: { field: 'user.name', gte: 3 } });
    const user = (name: string) => ({ user: { name } });
    expect(engine.observe(firing('a', 0, user('u1')))).to.have.length(0);
    expect(engine.observe(firing('a', 10, user('u2')))).to.have.length(0);
    expect(engine.observe(firing('a', 80, user('u3')))).to.have.length(0);
    expect(engine.observe(firing('a', 85, user('u4')))).to.have.length(0);
    expect(engine.observe(firing('a', 90, user('u5'))).map((hit) => hit.eventCount)).to.deep.equal([3]);
  });

  it('value_count forgets values past the horizon but counts them again when seen anew', () => {
    const engine = engineFor({ type: 'value_count', rules: ['a'], 'group-by': ['source.ip'], timespan: '1m', condition: { field: 'user.name', gte: 2 } }, { latenessMs: 0 });
    const user = (name: string) => ({ user: { name } });
    expect(engine.observe(firing('a', 0, user('u1')))).to.have.length(0);
    expect(engine.observe(firing('a', 200, user('u2')))).to.have.length(0);
    expect(engine.observe(firing('a', 210, user('u2')))).to.have.length(0);
    expect(engine.observe(firing('a', 215, user('u1'))).map((hit) => hit.eventCount)).to.deep.equal([2]);
  });

  it('value_count leaves a value past the horizon out of a late event’s window', () => {
    const engine = engineFor({ type: 'value_count', rules: ['a'], 'group-by': ['source.ip'], timespan: '1m', condition: { field: 'user.name', gte: 3 } }, { latenessMs: 30_000 });
    const user = (name: string) => ({ user: { name } });
    expect(engine.observe(firing('a', 100, user('u1')))).to.have.length(0);
    expect(engine.observe(firing('a', 200, user('u2')))).to.have.length(0);
    expect(engine.observe(firing('a', 125, user('u3')))).to.have.length(0);
    expect(engine.observe(firing('a', 130, user('u4')))).to.have.length(0);
    expect(engine.observe(firing('a', 135, user('u5'))).map((hit) => hit.eventCount)).to.deep.equal([3]);
  });

  it('value_count measures a value from the latest time it was seen', () => {
    const engine = engineFor({ type: 'value_count', rules: ['a'], 'group-by': ['source.ip'], timespan: '1m', condition: { field: 'user.name', gte: 3 } });
    const user = (name: string) => ({ user: { name } });
    expect(engine.observe(firing('a', 0, user('u1')))).to.have.length(0);
    expect(engine.observe(firing('a', 10, user('u2')))).to.have.length(0);
    expect(engine.observe(firing('a', 65, user('u1')))).to.have.length(0);
    expect(engine.observe(firing('a', 70, user('u3'))).map((hit) => hit.eventCount)).to.deep.equal([3]);
  });

  it('value_count counts a value arriving out of order within the lateness', () => {
    const engine = engineFor({ type: 'value_count', rules: ['a'], 'group-by': ['source.ip'], timespan: '1m', condition: { field: 'user.name', gte: 3 } });
    const user = (name: string) => ({ user: { name } });
    expect(engine.observe(firing('a', 100, user('u1')))).to.have.length(0);
    expect(engine.observe(firing('a', 140, user('u2')))).to.have.length(0);
    expect(engine.observe(firing('a', 30, user('u3')))).to.have.length(0);
    expect(engine.observe(firing('a', 90, user('u4'))).map((hit) => hit.eventCount)).to.deep.equal([3]);
  });

  it('reads group-by values from nested objects, dotted keys and lists alike', () => {
    const engine = engineFor({ type: 'event_count', rules: ['a'], 'group-by': ['source.ip'], timespan: '1m', condition: { gte: 3 } });
    const list = { source: { ip: ['198.51.100.1', '198.51.100.2'] } };
    expect(engine.observe(firing('a', 0, list))).to.have.length(0);
    expect(engine.observe(firing('a', 1, list))).to.have.length(0);
    expect(engine.observe(firing('a', 2, { source: undefined, 'source.ip': '203.0.113.9' }))).to.have.length(0);
    expect(engine.observe(firing('a', 3, { source: undefined, 'source.ip': '203.0.113.9' }))).to.have.length(0);
    expect(engine.observe(firing('a', 4, { source: { ip: '203.0.113.9' } }))[0]!.group).to.deep.equal({ 'source.ip': '203.0.113.9' });
    expect(engine.observe(firing('a', 5, list))[0]!.group).to.deep.equal({ 'source.ip': '198.51.100.1,198.51.100.2' });
  });

  it('keeps the most recent event ids across firings that carry several', () => {
    const engine = engineFor({ type: 'event_count', rules: ['a'], 'group-by': ['source.ip'], timespan: '1m', condition: { gte: 3 } }, { maxEventIdsPerKey: 3 });
    const fired = [0, 1, 2].map((seconds) => {
      const f = firing('a', seconds);
      return { ...f, eventIds: [`${f.eventIds[0]}-x`, `${f.eventIds[0]}-y`] };
    });
    const hits = fired.flatMap((f) => engine.observe(f));
    expect(hits[0]!.eventIds).to.deep.equal([fired[1]!.eventIds[1], ...fired[2]!.eventIds]);
    expect(fired[0]!.eventIds).to.have.length(2);
  });

  it('temporal keeps only the latest times per rule', () => {
    const engine = engineFor({ type: 'temporal', rules: ['a', 'b'], 'group-by': ['user.name'], timespan: '1m' }, { maxTimesPerRule: 2 });
    const user = { user: { name: 'x' } };
    for (const seconds of [100, 200, 300]) engine.observe(firing('a', seconds, user));
    expect(engine.observe(firing('b', 130, user))).to.have.length(0);
    expect(engine.observe(firing('b', 230, user))).to.have.length(1);
  });

  it('temporal needs every referenced rule within the timespan, in any order', () => {
    const engine = engineFor({ type: 'temporal', rules: ['a', 'b'], 'group-by': ['user.name'], timespan: '5m' });
    expect(engine.observe(firing('b', 0, { user: { name: 'x' } }))).to.have.length(0);
    expect(engine.observe(firing('a', 400, { user: { name: 'x' } }))).to.have.length(0);
    expect(engine.observe(firing('b', 500, { user: { name: 'x' } }))).to.have.length(1);
  });

  it('temporal_ordered needs the order given in rules', () => {
    const engine = engineFor({ type: 'temporal_ordered', rules: ['a', 'b'], 'group-by': ['user.name'], timespan: '5m' });
    expect(engine.observe(firing('b', 0, { user: { name: 'x' } }))).to.have.length(0);
    expect(engine.observe(firing('a', 10, { user: { name: 'x' } }))).to.have.length(0);
    expect(engine.observe(firing('b', 20, { user: { name: 'x' } }))).to.have.length(1);
  });

  it('temporal_ordered accepts the first event arriving late', () => {
    const engine = engineFor({ type: 'temporal_ordered', rules: ['a', 'b'], 'group-by': ['user.name'], timespan: '5m' });
    expect(engine.observe(firing('b', 20, { user: { name: 'x' } }))).to.have.length(0);
    expect(engine.observe(firing('a', 10, { user: { name: 'x' } }))).to.have.length(1);
  });

  it('uses aliases to group events of different rules by different fields', () => {
    const engine = engineFor({
      type: 'temporal',
      rules: ['a', 'b'],
      'group-by': ['ip'],
      timespan: '1m',
      aliases: { ip: { a: 'source.ip', b: 'destination.ip' } },
    });
    engine.observe(firing('a', 0, { source: { ip: '198.51.100.9' } }));
    const hits = engine.observe(firing('b', 5, { destination: { ip: '198.51.100.9' }, source: { ip: '10.0.0.1' } }));
    expect(hits).to.have.length(1);
    expect(hits[0]!.group).to.deep.equal({ ip: '198.51.100.9' });
  });

  it('decides lt conditions per key when its own time passes the window, or on flush', () => {
    const engine = engineFor({ type: 'event_count', rules: ['a'], 'group-by': ['source.ip'], timespan: '1m', condition: { lt: 3 } }, { latenessMs: 0 });
    expect(engine.observe(firing('a', 0))).to.have.length(0);
    expect(engine.observe(firing('a', 10, { source: { ip: '198.51.100.1' } }))).to.have.length(0);
    for (let i = 0; i < 3; i++) engine.observe(firing('a', 11 + i, { source: { ip: '198.51.100.1' } }));
    expect(engine.observe(firing('a', 200, { source: { ip: '198.51.100.1' } }))).to.have.length(0);
    const closed = engine.observe(firing('a', 200));
    expect(closed.map((hit) => [hit.group['source.ip'], hit.eventCount])).to.deep.equal([['203.0.113.7', 1]]);
    expect(engine.flush().map((hit) => hit.group['source.ip']).sort()).to.deep.equal(['198.51.100.1', '203.0.113.7']);
  });

  it('skips events without a group-by value', () => {
    const engine = engineFor({ type: 'event_count', rules: ['a'], 'group-by': ['user.name'], timespan: '1m', condition: { gte: 1 } });
    expect(engine.observe(firing('a', 0))).to.have.length(0);
    expect(engine.stats().keys).to.equal(0);
  });

  it('bounds the number of keys by evicting the least recently touched', () => {
    const engine = engineFor({ type: 'event_count', rules: ['a'], 'group-by': ['source.ip'], timespan: '1h', condition: { gte: 2 } }, { maxKeys: 2 });
    engine.observe(firing('a', 0, { source: { ip: '192.0.2.1' } }));
    engine.observe(firing('a', 1, { source: { ip: '192.0.2.2' } }));
    engine.observe(firing('a', 2, { source: { ip: '192.0.2.3' } }));
    expect(engine.stats()).to.include({ keys: 2, evictedKeys: 1 });
    expect(engine.observe(firing('a', 3, { source: { ip: '192.0.2.1' } }))).to.have.length(0);
    expect(engine.observe(firing('a', 4, { source: { ip: '192.0.2.3' } }))).to.have.length(1);
  });

  it('forgets a key once it has been silent for its timespan plus the lateness, in wall-clock time', () => {
    let wall = 0;
    const engine = engineFor({ type: 'event_count', rules: ['a'], 'group-by': ['source.ip'], timespan: '1m', condition: { gte: 5 } }, { latenessMs: 600_000, clock: () => wall });
    engine.observe(firing('a', 0, { source: { ip: '192.0.2.1' } }));
    wall = 300_000;
    engine.observe(firing('a', 5, { source: { ip: '192.0.2.2' } }));
    wall = 661_000;
    engine.advance();
    expect(engine.stats().keys).to.equal(1);
    wall = 962_000;
    engine.advance();
    expect(engine.stats().keys).to.equal(0);
  });

  it('keeps only the most recent event ids of a key', () => {
    const engine = engineFor({ type: 'event_count', rules: ['a'], 'group-by': ['source.ip'], timespan: '1h', condition: { gte: 10 } }, { maxEventIdsPerKey: 4 });
    const hits = Array.from({ length: 10 }, (_, i) => engine.observe(firing('a', i))).flat();
    expect(hits[0]!.eventIds).to.have.length(4);
    expect(hits[0]!.eventCount).to.equal(10);
  });
});
