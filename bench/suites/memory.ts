import type { EcsEvent } from '../../core/domain/ecs.js';
import { compileCorrelations } from '../../detectors/correlation/compile-correlations.js';
import { CorrelationEngine } from '../../detectors/correlation/correlation-engine.js';
import { progress } from '../progress.js';
import { writeResult } from '../write-result.js';

const SUITE = 'memory';
const KEYS = 1_000_000;

/**
 * Heap per live correlation key: an event_count correlation grouped by source address and
 * organisation (like ssh_password_guessing), fed one firing for each of 1,000,000 distinct sources
 * within its window, so no key expires or fires. Heap is read after a full GC before and after; the
 * firing events themselves are dropped, so what stays is the engine's state.
 */
export async function runMemory(): Promise<void> {
  const gc = globalThis.gc;
  if (!gc) throw new Error('the memory suite needs node --expose-gc (bench/main re-spawns itself with it)');
  const compiled = compileCorrelations(
    [{ file: 'bench', line: 1, doc: { title: 'bench', id: '6f1c1e1a-0000-4000-8000-000000000001', name: 'bench_guessing', level: 'medium', correlation: { type: 'event_count', rules: ['bench_failed'], 'group-by': ['source.ip', 'organization.id'], timespan: '1h', condition: { gte: 1_000_000 } } } }],
    [{ id: '6f1c1e1a-0000-4000-8000-000000000002', name: 'bench_failed' }],
  );
  if (compiled.problems.length > 0) throw new Error(`correlation did not compile: ${JSON.stringify(compiled.problems)}`);
  const engine = new CorrelationEngine(compiled.correlations, { maxKeys: 2 * KEYS });
  gc();
  const before = process.memoryUsage().heapUsed;
  const start = Date.UTC(2025, 2, 10, 8);
  for (let i = 0; i < KEYS; i++) {
    const event = { '@timestamp': '', event: { id: `e${i}` }, source: { ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }, organization: { id: `gemeinde-${String(i % 450).padStart(3, '0')}` } } as unknown as EcsEvent;
    engine.observe({ ruleId: '6f1c1e1a-0000-4000-8000-000000000002', event, time: start + Math.floor(i / 1000), eventIds: [`e${i}`], organizationIds: [event.organization!.id!] });
    if (i % 250_000 === 0 && i > 0) progress(SUITE, `${i} keys`);
  }
  gc();
  const after = process.memoryUsage().heapUsed;
  const keys = engine.stats().keys;
  const bytesPerKey = Math.round((after - before) / keys);
  progress(SUITE, `${keys} keys, ${bytesPerKey} bytes per key`);
  writeResult(SUITE, {
    correlation: 'event_count, group-by source.ip + organization.id, timespan 1h, one firing per key with its event id',
    keys,
    heapBeforeBytes: before,
    heapAfterBytes: after,
    bytesPerKey,
    target: { bytesPerKey: 300, met: bytesPerKey <= 300 },
  });
}
