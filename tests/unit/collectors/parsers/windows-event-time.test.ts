import { expect } from 'chai';
import { jsonParser } from '../../../../collectors/parsers/json.js';
import type { ParsedEvent } from '../../../../collectors/parsers/parser.js';

const context = { receivedAt: new Date('2025-03-14T12:00:00.000Z') };

function parse(record: object): ParsedEvent {
  const outcome = jsonParser.parse(JSON.stringify(record), context);
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.event;
}

describe('collectors > parsers > windows > event time and outcome', () => {
  it("takes a Sysmon event's UtcTime, not the shipper's @timestamp nor the record's write time", () => {
    const event = parse({
      '@timestamp': '2021-05-05T15:30:51.692Z',
      winlog: { channel: 'Microsoft-Windows-Sysmon/Operational', event_id: '1', time_created: '2020-10-27T20:00:14.324Z', event_data: { UtcTime: '2020-10-27 20:00:14.320' } },
    });
    expect(event['@timestamp']).to.equal('2020-10-27T20:00:14.320Z');
    expect((event.event as Record<string, unknown>).created).to.equal('2020-10-27T20:00:14.324Z');
  });

  it("takes winlog.time_created over an agent document's @timestamp", () => {
    const event = parse({ '@timestamp': '2021-05-05T15:30:51.692Z', winlog: { channel: 'Security', event_id: '4624', time_created: '2019-03-29T21:10:39.786Z' } });
    expect(event['@timestamp']).to.equal('2019-03-29T21:10:39.786Z');
  });

  it("reads NXLog's EventTime with its offset, and prefers it to a relay's @timestamp", () => {
    const event = parse({ EventTime: '2020-09-21T18:58:47.123-04:00', '@timestamp': '2020-09-21T22:58:49.000Z', EventID: 4672, Channel: 'Security' });
    expect(event['@timestamp']).to.equal('2020-09-21T22:58:47.123Z');
  });

  it("reads NXLog's EventTime without an offset as the Windows host's wall clock, in the configured zone", () => {
    const record = JSON.stringify({ EventTime: '2020-08-05 02:09:49', '@timestamp': '2020-08-05T06:09:50.100Z', EventID: 4662, Channel: 'Security' });
    const inNewYork = jsonParser.parse(record, { ...context, timeZone: 'America/New_York' });
    const inBerlin = jsonParser.parse(record, { ...context, timeZone: 'Europe/Berlin' });
    expect(inNewYork.ok && inNewYork.event['@timestamp']).to.equal('2020-08-05T06:09:49.000Z');
    expect(inBerlin.ok && inBerlin.event['@timestamp']).to.equal('2020-08-05T00:09:49.000Z');
  });

  it('falls back to the receive time when a record has no time of its own', () => {
    expect(parse({ EventID: 4672, Channel: 'Security' })['@timestamp']).to.equal('2025-03-14T12:00:00.000Z');
  });

  for (const [keywords, outcome] of [['9227875636482146304', 'failure'], ['0x8020000000000000', 'success']] as const) {
    it(`reads the audit outcome from NXLog's keyword mask ${keywords}`, () => {
      const event = parse({ EventID: 4624, Channel: 'Security', Keywords: keywords });
      expect((event.event as Record<string, unknown>).outcome).to.equal(outcome);
    });
  }
});
