import type { EcsEvent } from '../../core/domain/ecs.js';
import { compileCorrelations } from '../../detectors/correlation/compile-correlations.js';
import { CorrelationEngine, DEFAULT_CORRELATION_OPTIONS } from '../../detectors/correlation/correlation-engine.js';
import { progress } from '../progress.js';
import { writeResult } from '../write-result.js';

const SUITE = 'memory';
const RULE_ID = '6f1c1e1a-0000-4000-8000-000000000002';

interface Variant {
  name: string;
  keys: number;
  firingsPerKey: number;
  /** The correlation's condition: gte never reached keeps sorted times, lt keeps entries for the close. */
  condition: Record<string, number>;
  /** Spreads a key's firings over this many ms, delivered newest first (out of order). */
  spreadMs: number;
}

const VARIANTS: Variant[] = [
  { name: 'one firing per key (gte)', keys: 1_000_000, firingsPerKey: 1, condition: { gte: 1_000_000 }, spreadMs: 0 },
  { name: 'four firings per key, newest first (gte)', keys: 250_000, firingsPerKey: 4, condition: { gte: 1_000_000 }, spreadMs: 20 * 60_000 },
  { name: 'four firings per key, newest first (lt, decided at close)', keys: 250_000, firingsPerKey: 4, condition: { lt: 3 }, spreadMs: 20 * 60_000 },
];

/**
 * Heap per live correlation key with the shipped allowed lateness (an hour): an event_count
 * correlation grouped by source address and organisation (like ssh_password_guessing), fed firings
 * for many distinct sources within its window so that no key expires or fires. Variants hold several
 * firings per key delivered out of order, for a condition decided as firings arrive and for one
 * decided at the window's close. Heap is read after a full GC before and after; the firing events
 * themselves are dropped, so what stays is the engine's state.
 */
export async function runMemory(): Promise<void> {
  const gc = globalThis.gc;
  if (!gc) throw new Error('the memory suite needs node --expose-gc (bench/main re-spawns itself with it)');
  const results = [];
  for (const variant of VARIANTS) results.push(measure(variant, gc));
  const first = results[0]!;
  writeResult(SUITE, {
    correlation: 'event_count, group-by source.ip + organization.id, timespan 1h',
    latenessMs: DEFAULT_CORRELATION_OPTIONS.latenessMs,
    variants: results,
    keys: first.keys,
    bytesPerKey: first.bytesPerKey,
    target: { bytesPerKey: 300, met: first.bytesPerKey <= 300 },
  });
}

function measure(variant: Variant, gc: () => void): { name: string; keys: number; firingsPerKey: number; heapBeforeBytes: number; heapAfterBytes: number; bytesPerKey: number } {
  const compiled = compileCorrelations(
    [{ file: 'bench', line: 1, doc: { title: 'bench', id: '6f1c1e1a-0000-4000-8000-000000000001', name: 'bench_guessing', level: 'medium', correlation: { type: 'event_count', rules: ['bench_failed'], 'group-by': ['source.ip', 'organization.id'], timespan: '1h', condition: variant.condition } } }],
    [{ id: RULE_ID, name: 'bench_failed' }],
  );
  if (compiled.problems.length > 0) throw new Error(`correlation did not compile: ${JSON.stringify(compiled.problems)}`);
  const engine = new CorrelationEngine(compiled.correlations, { maxKeys: 2 * variant.keys });
  gc();
  const before = process.memoryUsage().heapUsed;
  const start = Date.UTC(2025, 2, 10, 8);
  for (let i = 0; i < variant.keys; i++) {
    const source = { ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` };
    const organization = { id: `gemeinde-${String(i % 450).padStart(3, '0')}` };
    for (let step = variant.firingsPerKey - 1; step >= 0; step--) {
      const id = `e${i}-${step}`;
      const event = { '@timestamp': '', event: { id }, source, organization } as unknown as EcsEvent;
      const time = start + Math.floor(i / 1000) + (variant.firingsPerKey > 1 ? Math.floor((step * variant.spreadMs) / (variant.firingsPerKey - 1)) : 0);
      engine.observe({ ruleId: RULE_ID, event, time, eventIds: [id], organizationIds: [organization.id] });
    }
    if (i % 250_000 === 0 && i > 0) progress(SUITE, `${variant.name}: ${i} keys`);
  }
  gc();
  const after = process.memoryUsage().heapUsed;
  const keys = engine.stats().keys;
  const bytesPerKey = Math.round((after - before) / keys);
  progress(SUITE, `${variant.name}: ${keys} keys, ${bytesPerKey} bytes per key`);
  return { name: variant.name, keys, firingsPerKey: variant.firingsPerKey, heapBeforeBytes: before, heapAfterBytes: after, bytesPerKey };
}
