import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { jsonParser } from '../../../../collectors/parsers/json.js';

// Elastic's Windows integration is the reference for how Windows events look in ECS. Each
// tests/fixtures/parsers/json/elastic-<set>.log line is an Elastic pipeline test input; the line with the
// same number in elastic-<set>.elastic-expected.ndjson holds the core ECS fields of Elastic's expected
// output for it (the fixture README names the files they come from). Our parser must agree on every core
// field, except the deliberate differences below.
const FIXTURES = path.resolve('tests/fixtures/parsers/json');
const CONTEXT = { receivedAt: new Date('2025-03-14T12:00:00.000Z') };

const CORE_FIELDS = [
  '@timestamp', 'event.category', 'event.type', 'event.action', 'event.code', 'event.outcome', 'host.name', 'process.', 'user.', 'group.',
  'file.', 'registry.', 'dns.', 'network.', 'source.ip', 'source.port', 'source.domain', 'destination.ip', 'destination.port', 'destination.domain',
];

interface DeliberateDifference {
  field: string;
  /** Only in these sets of samples. */
  sets: readonly string[];
  /** Only where Elastic's expected document has no value for the field. */
  onlyWhereElasticHasNone?: true;
  reason: string;
}

const DELIBERATE: readonly DeliberateDifference[] = [
  {
    field: 'event.action', sets: ['elastic-sysmon'], onlyWhereElasticHasNone: true,
    reason: "the stored expected documents predate the action table of Elastic's current sysmon pipeline, whose names we set",
  },
  {
    field: 'registry.data.strings', sets: ['elastic-sysmon'], onlyWhereElasticHasNone: true,
    reason: "Elastic's current sysmon pipeline keeps 'Binary Data' as REG_BINARY data; the stored expected document predates that",
  },
  {
    field: 'registry.data.type', sets: ['elastic-sysmon'], onlyWhereElasticHasNone: true,
    reason: "Elastic's current sysmon pipeline keeps 'Binary Data' as REG_BINARY data; the stored expected document predates that",
  },
  {
    field: 'dns.question.subdomain', sets: ['elastic-sysmon'],
    reason: 'Elastic splits the name with the public suffix list, which Lagebild does not ship',
  },
  {
    field: 'dns.question.registered_domain', sets: ['elastic-sysmon'],
    reason: 'Elastic splits the name with the public suffix list, which Lagebild does not ship',
  },
  {
    field: 'dns.question.top_level_domain', sets: ['elastic-sysmon'],
    reason: 'Elastic splits the name with the public suffix list, which Lagebild does not ship',
  },
  {
    field: 'host.name', sets: ['elastic-sysmon'], onlyWhereElasticHasNone: true,
    reason: "Elastic takes host.name from the agent (absent from its test inputs); without one we name the host by winlog.computer_name",
  },
  {
    field: 'user.target.id', sets: ['elastic-security'], onlyWhereElasticHasNone: true,
    reason: 'group changes of local groups (4732) name the member only by MemberSid, so we keep it as user.target.id; Elastic leaves it in event_data',
  },
  {
    field: 'file.target_path', sets: ['elastic-security'],
    reason: 'Elastic writes every backslash of the share path twice; we keep the path as Windows names it (\\\\*\\Documents\\reports\\...)',
  },
  {
    field: '@timestamp', sets: ['elastic-security'], onlyWhereElasticHasNone: true,
    reason: "Elastic's sample carries no time at all; we fall back to the receive time",
  },
];

type Flat = Record<string, unknown>;

function isCore(field: string): boolean {
  return CORE_FIELDS.some((core) => (core.endsWith('.') ? field.startsWith(core) : field === core));
}

/** Dotted keys down to non-object values; arrays (dns.answers) stay whole. */
function flatten(value: unknown, prefix = '', into: Flat = {}): Flat {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix === '' ? key : `${prefix}.${key}`, into);
  } else if (isCore(prefix)) {
    into[prefix] = value;
  }
  return into;
}

/** JSON with object keys sorted: field values compare by content, not by the order keys were written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner);
}

function lines(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');
}

function deliberate(set: string, field: string, elastic: Flat): DeliberateDifference | undefined {
  return DELIBERATE.find((d) => d.field === field && d.sets.includes(set) && (!d.onlyWhereElasticHasNone || !(field in elastic)));
}

interface Comparison { agreeing: string[]; differing: string[]; deliberate: string[] }

function compare(set: string, ours: Flat, elastic: Flat): Comparison {
  const result: Comparison = { agreeing: [], differing: [], deliberate: [] };
  for (const field of new Set([...Object.keys(elastic), ...Object.keys(ours)])) {
    if (canonical(ours[field]) === canonical(elastic[field])) result.agreeing.push(field);
    else if (deliberate(set, field, elastic)) result.deliberate.push(field);
    else result.differing.push(`${field}: ours ${JSON.stringify(ours[field])}, Elastic ${JSON.stringify(elastic[field])}`);
  }
  return result;
}

describe('collectors > parsers > windows > agreement with Elastic', () => {
  for (const set of ['elastic-sysmon', 'elastic-security']) {
    describe(set, () => {
      const inputs = lines(path.join(FIXTURES, `${set}.log`));
      const expected = lines(path.join(FIXTURES, `${set}.elastic-expected.ndjson`)).map((line) => JSON.parse(line) as Flat);
      const totals = { agreeing: 0, compared: 0, deliberate: 0 };

      after(() => {
        const ratio = totals.compared === 0 ? 0 : (100 * totals.agreeing) / totals.compared;
        console.log(`      ${set}: ${totals.agreeing}/${totals.compared} core ECS fields agree with Elastic (${ratio.toFixed(1)} %), ${totals.deliberate} deliberate differences`);
      });

      it('has one Elastic expectation per input line', () => {
        expect(expected).to.have.length(inputs.length);
      });

      inputs.forEach((input, index) => {
        const elastic = expected[index]!;
        it(`line ${index + 1} (event ${String(elastic['event.code'])}) agrees on every core ECS field`, () => {
          const outcome = jsonParser.parse(input, CONTEXT);
          expect(outcome.ok, outcome.ok ? '' : outcome.reason).to.equal(true);
          const ours = outcome.ok ? flatten(outcome.event) : {};
          const result = compare(set, ours, elastic);
          totals.agreeing += result.agreeing.length;
          totals.compared += result.agreeing.length + result.differing.length;
          totals.deliberate += result.deliberate.length;
          expect(result.differing).to.deep.equal([]);
        });
      });
    });
  }
});
