import { expect } from 'chai';
import { exceededJsonLimit, JSON_EVENT_LIMITS } from '../../../../collectors/parsers/json-limits.js';

const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

describe('collectors > parsers > json limits', () => {
  it('lets real event shapes through: Winlogbeat-like nesting, escaped quotes and dots inside values', () => {
    const event = { '@timestamp': '2026-12-02T10:00:00Z', winlog: { event_data: { CommandLine: 'cmd.exe /c "echo {[a.b.c]}"', 'Key.With.Dots': 'x' } }, message: 'a "quoted" {not: nested} [text]' };
    expect(exceededJsonLimit(JSON.stringify(event))).to.equal(undefined);
    expect(exceededJsonLimit(nested(JSON_EVENT_LIMITS.maxDepth))).to.equal(undefined);
  });

  it('refuses nesting past the limit in objects and arrays alike', () => {
    expect(exceededJsonLimit(nested(JSON_EVENT_LIMITS.maxDepth + 1))).to.match(/nested deeper than 32/);
    expect(exceededJsonLimit(`{"a":${'['.repeat(40)}${']'.repeat(40)}}`)).to.match(/nested deeper/);
  });

  it('counts each dot of a key as a level, since dotted keys are expanded into objects', () => {
    expect(exceededJsonLimit(JSON.stringify({ [`a${'.b'.repeat(32)}`]: 1 }))).to.match(/nested deeper/);
    expect(exceededJsonLimit(JSON.stringify({ [`a${'.b'.repeat(31)}`]: 1 }))).to.equal(undefined);
    // Dots in values are not keys.
    expect(exceededJsonLimit(JSON.stringify({ a: '.'.repeat(5000) }))).to.equal(undefined);
  });

  it('refuses too many keys and too long keys, nested keys counted', () => {
    const keys = (count: number) => JSON.stringify({ a: Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, i])) });
    expect(exceededJsonLimit(keys(JSON_EVENT_LIMITS.maxKeys - 1))).to.equal(undefined);
    expect(exceededJsonLimit(keys(JSON_EVENT_LIMITS.maxKeys))).to.match(/more than 1000 keys/);
    expect(exceededJsonLimit(JSON.stringify({ ['k'.repeat(257)]: 1 }))).to.match(/key longer than 256/);
    expect(exceededJsonLimit(JSON.stringify({ ['k'.repeat(256)]: 1 }))).to.equal(undefined);
  });
});
