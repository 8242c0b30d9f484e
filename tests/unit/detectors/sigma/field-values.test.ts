import { expect } from 'chai';
import { allValues, firstValue } from '../../../../detectors/sigma/field-values.js';
import { fieldMapperFor } from '../../../../detectors/sigma/field-mapping.js';

const security = fieldMapperFor({ product: 'windows', service: 'security' }, 'sigma');
const network = fieldMapperFor({ product: 'windows', category: 'network_connection' }, 'sigma');

describe('detectors > sigma > field values', () => {
  it('gives one value, not a list, when the candidates agree', () => {
    const read = allValues(security('IpAddress'));
    expect(read({ source: { ip: '192.0.2.7' }, winlog: { event_data: { IpAddress: '192.0.2.7' } } })).to.equal('192.0.2.7');
    expect(allValues(network('DestinationPort'))({ destination: { port: 443 }, winlog: { event_data: { DestinationPort: '443' } } })).to.equal(443);
    expect(allValues(network('Initiated'))({ network: { direction: 'egress' }, winlog: { event_data: { Initiated: 'true' } } })).to.equal('true');
  });

  it('lists every value when the candidates differ, lists flattened', () => {
    const read = allValues(security('IpAddress'));
    expect(read({ source: { ip: '192.0.2.7' }, winlog: { event_data: { IpAddress: '::ffff:192.0.2.7' } }, IpAddress: ['198.51.100.1'] })).to.deep.equal([
      '192.0.2.7',
      '::ffff:192.0.2.7',
      '198.51.100.1',
    ]);
  });

  it('counts null only when no candidate has a value', () => {
    const read = allValues(security('IpAddress'));
    expect(read({ source: { ip: null }, winlog: { event_data: { IpAddress: '192.0.2.7' } } })).to.equal('192.0.2.7');
    expect(read({ source: { ip: null } })).to.equal(null);
    expect(read({})).to.equal(undefined);
  });

  it('reads stand-ins only without any other candidate, for all values and for the first', () => {
    const event = { user: { name: 'alice' }, winlog: { event_data: { SubjectUserName: 'SYSTEM' } } };
    expect(allValues(security('SubjectUserName'))(event)).to.equal('SYSTEM');
    expect(firstValue(security('SubjectUserName'))(event)).to.equal('SYSTEM');
    expect(allValues(security('SubjectUserName'))({ user: { name: 'alice' } })).to.equal('alice');
    expect(firstValue(security('SubjectUserName'))({ user: { name: 'alice' } })).to.equal('alice');
  });
});
