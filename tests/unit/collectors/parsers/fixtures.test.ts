import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ParseContext, ParseOutcome } from '../../../../collectors/parsers/parser.js';
import { getParser } from '../../../../collectors/parsers/registry.js';

// Behaviour as data: tests/fixtures/parsers/<parser>/<case>.log holds raw lines, <case>.expected.ndjson
// the expected event for each line ({"rejected": reason} where the parser must refuse it), and an
// optional <case>.context.json overrides the receive context. Adding a case is adding lines.
const FIXTURES = path.resolve('tests/fixtures/parsers');
const DEFAULT_CONTEXT = { receivedAt: '2025-03-14T12:00:00.000Z', peerAddress: '192.0.2.10' };

function lines(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}

function asExpected(outcome: ParseOutcome): unknown {
  return outcome.ok ? JSON.parse(JSON.stringify(outcome.event)) : { rejected: outcome.reason };
}

describe('collectors > parsers > fixtures', () => {
  for (const parserName of readdirSync(FIXTURES).sort()) {
    describe(parserName, () => {
      const parser = getParser(parserName);
      const cases = readdirSync(path.join(FIXTURES, parserName)).filter((name) => name.endsWith('.log')).sort();
      it('is a registered parser with at least ten fixture lines', () => {
        expect(parser, `no parser named ${parserName}`).to.not.equal(undefined);
        const total = cases.reduce((sum, file) => sum + lines(path.join(FIXTURES, parserName, file)).length, 0);
        expect(total, `fixture lines of ${parserName}`).to.be.at.least(10);
      });
      for (const file of cases) {
        const base = path.join(FIXTURES, parserName, file.slice(0, -'.log'.length));
        const contextFile = `${base}.context.json`;
        const raw = { ...DEFAULT_CONTEXT, ...(existsSync(contextFile) ? JSON.parse(readFileSync(contextFile, 'utf8')) : {}) };
        const context: ParseContext = { receivedAt: new Date(raw.receivedAt), peerAddress: raw.peerAddress, timeZone: raw.timeZone };
        const inputs = lines(`${base}.log`);
        const expected = lines(`${base}.expected.ndjson`).map((line) => JSON.parse(line) as unknown);
        it(`${file} has one expected outcome per line`, () => {
          expect(expected).to.have.length(inputs.length);
        });
        inputs.forEach((input, index) => {
          it(`${file}:${index + 1} ${input.slice(0, 60)}`, () => {
            expect(asExpected(parser!.parse(input, context))).to.deep.equal(expected[index]);
          });
        });
      }
    });
  }
});
