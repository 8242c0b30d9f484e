import { expect } from 'chai';
import type { EcsEvent } from '../../../../core/domain/ecs.js';
import { compileCorrelations } from '../../../../detectors/correlation/compile-correlations.js';
import { CorrelationEngine, type CorrelationHit, type RuleFiring } from '../../../../detectors/correlation/correlation-engine.js';

const BASE = Date.parse('2025-03-10T08:00:00Z');

function engineFor(correlation: Record<string, unknown>): CorrelationEngine {
  const { correlations, problems } = compileCorrelations([{ file: 'c.yml', line: 1, doc: { title: 'C', id: 'c', correlation } }], [{ id: 'a' }]);
  expect(problems).to.deep.equal([]);
  return new CorrelationEngine(correlations, { latenessMs: 0 });
}

let counter = 0;
function firing(seconds: number, fields: Record<string, unknown>): RuleFiring {
  const id = `e${++counter}`;
  const event = { '@timestamp': new Date(BASE + seconds * 1000).toISOString(), event: { id }, organization: { id: 'org-a' }, ...fields } as EcsEvent;
  return { ruleId: 'a', event, time: BASE + seconds * 1000, eventIds: [id], organizationIds: ['org-a'] };
}

const upload = (seconds: number, ip: string, bytes: unknown): RuleFiring => firing(seconds, { source: { ip }, destination: { bytes } });

describe('detectors > correlation > value_sum, value_avg, value_percentile', () => {
  it('value_sum fires when the amounts of one group within the timespan pass the limit, numbers in text included', () => {
    const engine = engineFor({ type: 'value_sum', rules: ['a'], 'group-by': ['source.ip'], timespan: '1h', condition: { field: 'destination.bytes', gt: 1_000_000 } });
    expect(engine.observe(upload(0, '10.0.0.5', 600_000))).to.have.length(0);
    expect(engine.observe(upload(60, '10.0.0.6', 900_000))).to.have.length(0);
    expect(engine.observe(upload(90, '10.0.0.5', 'not a number'))).to.have.length(0);
    const hits = engine.observe(upload(120, '10.0.0.5', '400001'));
    expect(hits.map((hit) => [hit.group['source.ip'], hit.measured])).to.deep.equal([['10.0.0.5', 1_000_001]]);
  });

  it('value_sum leaves amounts outside the timespan out, and counts one that arrives out of order', () => {
    const engine = engineFor({ type: 'value_sum', rules: ['a'], 'group-by': ['source.ip'], timespan: '10m', condition: { field: 'destination.bytes', gte: 1000 } });
    expect(engine.observe(upload(0, '10.0.0.5', 600))).to.have.length(0);
    expect(engine.observe(upload(900, '10.0.0.5', 500))).to.have.length(0);
    expect(engine.observe(upload(500, '10.0.0.5', 500)).map((hit) => hit.measured)).to.deep.equal([1000]);
  });

  it('value_avg decides a window once the group has passed it, not before', () => {
    const engine = engineFor({ type: 'value_avg', rules: ['a'], 'group-by': ['source.ip'], timespan: '10m', condition: { field: 'destination.bytes', gt: 500 } });
    const early = [upload(0, '10.0.0.5', 900), upload(60, '10.0.0.5', 300), upload(120, '10.0.0.5', 600)].flatMap((f) => engine.observe(f));
    expect(early).to.have.length(0);
    const decided = engine.observe(upload(1200, '10.0.0.5', 10));
    expect(decided.map((hit) => [hit.measured, hit.eventCount])).to.deep.equal([[600, 3]]);
    expect(engine.flush()).to.have.length(0);
  });

  it('value_percentile finds the value that makes up at most the given share of a group’s events', () => {
    const engine = engineFor({ type: 'value_percentile', rules: ['a'], 'group-by': ['host.name'], timespan: '24h', condition: { field: 'process.name', lte: 1 } });
    const process = (seconds: number, name: string): RuleFiring => firing(seconds, { host: { name: 'pc-17' }, process: { name } });
    for (let i = 0; i < 150; i++) engine.observe(process(i, i % 2 ? 'svchost.exe' : 'explorer.exe'));
    engine.observe(process(200, 'mimikatz.exe'));
    const hits: CorrelationHit[] = [...engine.flush()];
    expect(hits.map((hit) => hit.group)).to.deep.equal([{ 'host.name': 'pc-17', 'process.name': 'mimikatz.exe' }]);
    expect(hits[0]!.measured).to.be.closeTo(100 / 151, 1e-9);
  });

  it('value_percentile stays silent when no value is that rare', () => {
    const engine = engineFor({ type: 'value_percentile', rules: ['a'], 'group-by': ['host.name'], timespan: '24h', condition: { field: 'process.name', lte: 1 } });
    for (let i = 0; i < 40; i++) engine.observe(firing(i, { host: { name: 'pc-17' }, process: { name: `p${i % 4}` } }));
    expect(engine.flush()).to.have.length(0);
  });
});
