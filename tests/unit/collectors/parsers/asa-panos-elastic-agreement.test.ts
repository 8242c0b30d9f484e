import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getField } from '../../../../core/domain/ecs.js';
import type { ParseContext } from '../../../../collectors/parsers/parser.js';
import { getParser } from '../../../../collectors/parsers/registry.js';

// Elastic's expected documents for real lines, trimmed to the core ECS fields, with provenance in the
// fixture folders' README. Each core field Elastic sets must come out the same; a field Elastic leaves
// out must stay out, except the ones the READMEs list as deliberate additions.
const CORE_FIELDS = [
  'event.category', 'event.type', 'event.action', 'event.outcome', 'event.code',
  'source.ip', 'source.port', 'source.bytes', 'destination.ip', 'destination.port', 'destination.bytes',
  'network.transport', 'observer.vendor', 'observer.product', 'rule.name', 'user.name',
];
const DELIBERATE_ADDITIONS = new Set(['rule.name', 'user.name']);
// Elastic keeps the ASA access list in cisco.asa.rule_name; we also write it to rule.name.
const ELASTIC_NAME: Record<string, string> = { 'cisco-asa:rule.name': 'cisco.asa.rule_name' };
// Received in 2024, the year Elastic's documents give the ASA lines without one.
const CONTEXT: ParseContext = { receivedAt: new Date('2024-06-01T00:00:00.000Z') };

interface Agreement { line: string; elastic: Record<string, unknown> }

function cases(parserName: string): Agreement[] {
  const file = path.resolve('tests/fixtures/parsers', parserName, 'elastic-agreement.ndjson');
  return readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Agreement);
}

for (const parserName of ['cisco-asa', 'pan-os']) {
  describe(`collectors > parsers > ${parserName} agrees with Elastic's integration`, () => {
    const parser = getParser(parserName)!;
    const all = cases(parserName);

    it('has Elastic documents for at least ten real lines', () => {
      expect(all.length).to.be.at.least(10);
    });

    all.forEach(({ line, elastic }, index) => {
      it(`${index + 1}: ${line.slice(0, 70)}`, () => {
        const outcome = parser.parse(line, CONTEXT);
        expect(outcome.ok, outcome.ok ? '' : outcome.reason).to.equal(true);
        const event = outcome.ok ? outcome.event : {};
        // Elastic's PAN-OS tests configure a zone offset; Lagebild reads zone-less times as UTC, so the
        // wall-clock time the line carries is what must agree.
        expect(String(getField(event, '@timestamp')).slice(0, 23)).to.equal(String(elastic['@timestamp']).slice(0, 23));
        for (const field of CORE_FIELDS) {
          const expected = elastic[ELASTIC_NAME[`${parserName}:${field}`] ?? field];
          const ours = getField(event, field);
          if (expected === undefined && DELIBERATE_ADDITIONS.has(field)) continue;
          expect(ours, field).to.deep.equal(expected);
        }
      });
    });
  });
}
