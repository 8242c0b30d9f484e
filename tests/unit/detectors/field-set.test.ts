import { expect } from 'chai';
import { fieldReader } from '../../../detectors/field-reader.js';
import { FieldSet } from '../../../detectors/field-set.js';

const PATHS = ['source.ip', 'destination.domain', 'file.hash.md5', 'file.hash.sha256', 'process.parent.hash.sha256', 'tls.client.server_name'];

describe('detectors > FieldSet', () => {
  const events: Record<string, unknown>[] = [
    { source: { ip: '198.51.100.7' }, destination: { domain: 'a.example' }, file: { hash: { md5: 'm', sha256: 's' } } },
    { process: { parent: { hash: { sha256: 'p' } } }, tls: { client: { server_name: 'c2.example' } } },
    { 'source.ip': '203.0.113.9', destination: { domain: 'b.example' } },
    { source: { ip: 'nested' }, 'source.ip': 'flat wins' },
    { file: { 'hash.md5': 'dotted inside', hash: { sha256: 'nested' } } },
    { 'file.hash': { md5: 'split at the second dot' } },
    { source: 'not an object', destination: null, file: { hash: { md5: ['x', 'y'] } } },
    {},
  ];

  it('reads every path as fieldReader does, dotted keys at any level included', () => {
    const set = new FieldSet(PATHS);
    for (const event of events) {
      set.use(event);
      PATHS.forEach((path, index) => expect(set.value(index), `${path} of ${JSON.stringify(event)}`).to.deep.equal(fieldReader(path)(event)));
    }
  });

  it('reads from the event given last', () => {
    const set = new FieldSet(['source.ip']);
    set.use({ source: { ip: 'first' } });
    set.use({ destination: { ip: 'second' } });
    expect(set.value(0)).to.equal(undefined);
  });
});
