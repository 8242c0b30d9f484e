import { expect } from 'chai';
import { HttpIngest } from '../../../../collectors/transports/http-ingest.js';
import { LagebildError } from '../../../../core/errors.js';
import { RecordingSink } from './recording-sink.js';

const ORG = 'org-radebeul';

function ingestInto(sink: RecordingSink): HttpIngest {
  return new HttpIngest(sink, async (token) => (token === 'good' ? { organizationId: ORG } : undefined));
}

describe('collectors > transports > http-ingest', () => {
  const deep = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
  const tricky = '{"event": {"kind": "event"},  "s": "a,]}b\\"[{"}';

  it('hands each object of a JSON array on as the text it was sent in, however deep', async () => {
    const sink = new RecordingSink();
    const body = `[ ${tricky} ,${deep},"<34>1 raw line", {"message":"carried line"}, 42, [1] ]`;
    expect(await ingestInto(sink).accept(body, 'good')).to.deep.equal({ accepted: 4, rejected: 2 });
    expect(sink.accepted.map((entry) => [entry.message, entry.meta.parser])).to.deep.equal([
      [tricky, 'json'],
      [deep, 'json'],
      ['<34>1 raw line', undefined],
      ['carried line', undefined],
    ]);
    expect(sink.rejected.map((entry) => entry.raw)).to.deep.equal(['42', '[1]']);
  });

  it('hands NDJSON lines on as sent; a bad line is dead-lettered alone', async () => {
    const sink = new RecordingSink();
    expect(await ingestInto(sink).accept(`${tricky}\r\n{oops\n\n${deep}\n`, 'good')).to.deep.equal({ accepted: 2, rejected: 1 });
    expect(sink.accepted.map((entry) => entry.message)).to.deep.equal([tricky, deep]);
    expect(sink.rejected.map((entry) => entry.raw)).to.deep.equal(['{oops']);
  });

  it('refuses more than 50,000 records whole, before handing any on', async () => {
    const sink = new RecordingSink();
    const body = '{"message":"x"}\n'.repeat(50_001);
    const error = await ingestInto(sink).accept(body, 'good').then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).to.be.instanceOf(LagebildError).and.to.include({ code: 'too_many_records', status: 413 });
    expect(sink.accepted.length + sink.rejected.length).to.equal(0);
    expect(await ingestInto(sink).accept('{"message":"x"}\n'.repeat(50_000), 'good')).to.deep.equal({ accepted: 50_000, rejected: 0 });
  });

  it('waits between batches of records while the pipeline is saturated', async () => {
    const sink = new RecordingSink();
    let release: () => void = () => undefined;
    sink.onceDrained = (callback) => (release = callback);
    const accepting = ingestInto(sink).accept('{"message":"x"}\n'.repeat(2_500), 'good');
    await new Promise((resolve) => setImmediate(resolve));
    sink.saturated = true;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sink.accepted).to.have.length(1_000);
    sink.saturated = false;
    release();
    expect(await accepting).to.deep.equal({ accepted: 2_500, rejected: 0 });
  });
});
