import { expect } from 'chai';
import { parsers } from '../../../../collectors/parsers/registry.js';

// Lines an attacker or a broken device can send. Every parser must answer each with an outcome,
// never an exception, and the long ones must not trigger super-linear regex backtracking.
const context = { receivedAt: new Date('2025-03-14T12:00:00.000Z'), peerAddress: '192.0.2.10' };

function randomBytes(length: number, seed: number): string {
  let state = seed;
  let text = '';
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    text += String.fromCharCode(state % 256);
  }
  return text;
}

const HOSTILE = [
  '',
  ' ',
  '<',
  '<>',
  '<13>',
  '<13>1',
  '<13>1 ',
  '<999999999999>1 - - - - - -',
  '<13>1 - h a p m [',
  '<13>1 - h a p m [id',
  '<13>1 - h a p m [id x="',
  '<13>1 - h a p m [id x="\\',
  '<13>1 - h a p m [__proto__ __proto__="polluted"] m',
  `<13>1 - h a p m ${'['.repeat(50_000)}`,
  `<13>1 - h a p m [id ${'x="1" '.repeat(20_000)}]`,
  `<13>Mar 14 11:00:00 h sshd[1]: Failed password for ${'a'.repeat(100_000)}`,
  `<13>Mar 14 11:00:00 h sshd[1]: Failed password for invalid user ${'from '.repeat(20_000)}`,
  `<4>Mar 14 11:00:00 h kernel: ${'IN= '.repeat(30_000)}`,
  `<13>Mar 14 11:00:00 h sudo: x : ${' ; '.repeat(30_000)}`,
  `${'{'.repeat(100_000)}`,
  `${'['.repeat(100_000)}`,
  '{"__proto__": {"polluted": true}, "event": "x"}',
  '{"__proto__.polluted": true, "constructor": {"prototype": {"polluted": true}}}',
  '{"EventID": 1, "Channel": "Security", "__proto__": {"polluted": true}}',
  '<13>1 - h a p m [constructor prototype="x" constructor="y"] m',
  `CEF:0|${'\\|'.repeat(30_000)}`,
  `CEF:0|a|b|c|d|e|f|${'k=\\= '.repeat(20_000)}`,
  `devname="${'"'.repeat(50_000)}`,
  `device="SFW" log_id=010101600001 log_type="Firewall" a=${' '.repeat(100_000)}`,
  `device="SFW" log_id=010101600001 log_type="Firewall" ${'k= '.repeat(30_000)}`,
  `2023:04:28-00:00:04 h ulogd[1]: id="1" sub="packetfilter" ${'k=x '.repeat(30_000)}`,
  `1.2.3.4 - - [${'['.repeat(50_000)}`,
  `1.2.3.4 - - [14/Mar/2025:12:00:00 +0000] "${'\\"'.repeat(30_000)}`,
  'x'.repeat(1_000_000),
  '\u0000\u0001\u0002\uFFFD\uD800',
  randomBytes(10_000, 1),
  randomBytes(10_000, 2),
];

describe('collectors > parsers > hostile input', () => {
  for (const [name, parser] of parsers) {
    it(`${name} answers every hostile line with an outcome and never throws`, () => {
      for (const line of HOSTILE) {
        const outcome = parser.parse(line, context);
        expect(outcome).to.have.property('ok').that.is.a('boolean');
        if (outcome.ok) expect(outcome.event.event.original).to.equal(line);
        else expect(outcome.reason).to.be.a('string').and.not.equal('');
      }
      expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    });
  }
});
