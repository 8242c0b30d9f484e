import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ParsedEvent } from '../../../../collectors/parsers/parser.js';
import { getParser } from '../../../../collectors/parsers/registry.js';

// Our events against the documents Elastic's integrations produce for the same lines. Next to each
// fixture <case>.log, <case>.elastic.ndjson holds, per line, the core ECS fields of Elastic's expected
// document (from elastic/integrations, see the fixture folder's README); a field missing there is
// missing in Elastic's document too, and ours must then be missing as well unless it is one of the
// deliberate additions below.
const FIXTURES = path.resolve('tests/fixtures/parsers');
const COMPARED = [
  '@timestamp', 'event.category', 'event.type', 'event.action', 'event.outcome', 'event.code',
  'source.ip', 'source.port', 'source.bytes', 'destination.ip', 'destination.port', 'destination.bytes',
  'network.transport', 'observer.vendor', 'observer.product', 'observer.name', 'rule.id', 'rule.name',
  'user.name', 'url.domain',
] as const;

/** Fields we set where Elastic leaves them empty, each for a reason given in the fixture README. */
const ADDITIONS: Record<string, readonly string[]> = {
  // user.name follows source.user.name (Elastic's pipeline sets it too early to see it); a line
  // without date/time takes its @timestamp from eventtime instead of the ingest time.
  fortigate: ['user.name', '@timestamp'],
  // observer.name is the appliance's name, user.name follows source.user.name, SFOS 19+ firewall
  // lines get event.type from con_event / log_subtype (Elastic reads v18's connevent only), and
  // administrator logins (17507) are categorised as authentication.
  'sophos-xg': ['observer.name', 'user.name', 'event.type', 'event.category'],
  // observer.name is the UTM's host name from the header; network.transport is named from proto.
  'sophos-utm': ['observer.name', 'network.transport'],
};

function lines(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}

function valueAt(event: ParsedEvent, field: string): unknown {
  if (field === '@timestamp') return event['@timestamp'];
  return field.split('.').reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), event);
}

describe('collectors > parsers > firewall agreement with Elastic', () => {
  for (const parserName of Object.keys(ADDITIONS)) {
    describe(parserName, () => {
      const parser = getParser(parserName)!;
      const folder = path.join(FIXTURES, parserName);
      const cases = readdirSync(folder).filter((name) => name.endsWith('.elastic.ndjson')).sort();
      it('has Elastic documents to compare with', () => {
        expect(cases.length).to.be.greaterThan(0);
      });
      for (const file of cases) {
        const base = path.join(folder, file.slice(0, -'.elastic.ndjson'.length));
        const inputs = lines(`${base}.log`);
        // Elastic's pipeline tests read zone-less times in the zone their test configuration sets;
        // <case>.context.json names it for us.
        const contextFile = `${base}.context.json`;
        const timeZone = existsSync(contextFile) ? (JSON.parse(readFileSync(contextFile, 'utf8')) as { timeZone?: string }).timeZone : undefined;
        const documents = lines(`${base}.elastic.ndjson`).map((line) => JSON.parse(line) as Record<string, unknown>);
        it(`${file} has one Elastic document per line`, () => {
          expect(documents).to.have.length(inputs.length);
        });
        inputs.forEach((input, index) => {
          it(`${file}:${index + 1} ${input.slice(0, 60)}`, () => {
            const outcome = parser.parse(input, { receivedAt: new Date('2025-03-14T12:00:00.000Z'), ...(timeZone === undefined ? {} : { timeZone }) });
            if (!outcome.ok) throw new Error(outcome.reason);
            const elastic = documents[index]!;
            for (const field of COMPARED) {
              const ours = valueAt(outcome.event, field);
              if (field in elastic) {
                const theirs = elastic[field];
                if (field === '@timestamp') expect(Date.parse(String(ours)), field).to.equal(Date.parse(String(theirs)));
                else expect(ours, field).to.deep.equal(theirs);
              } else if (!ADDITIONS[parserName]!.includes(field)) {
                expect(ours, `${field} (Elastic has none)`).to.equal(undefined);
              }
            }
          });
        });
      }
    });
  }
});
