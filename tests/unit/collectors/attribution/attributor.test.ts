import { expect } from 'chai';
import { createAttributor } from '../../../../collectors/attribution/attributor.js';
import type { Organisation } from '../../../../core/domain/organisation.js';

function organisation(id: string, networks: string[]): Organisation {
  return { id, name: `Org ${id}`, kind: 'municipal', parentId: null, networks, domains: [], contacts: [], reportingRegime: 'section17', critical: false };
}

const attributor = createAttributor([
  organisation('provider', ['10.0.0.0/8', '2001:db8::/32']),
  organisation('city', ['10.20.0.0/16', '2001:db8:20::/48', '192.0.2.10']),
  organisation('office', ['10.20.30.0/24']),
  organisation('broken', ['not-a-network', '10.99.0.0/40']),
]);

describe('collectors > attribution > attributor', () => {
  it('picks the longest matching prefix', () => {
    expect(attributor.attribute({ source: { ip: '10.20.30.40' } })?.organizationId).to.equal('office');
    expect(attributor.attribute({ source: { ip: '10.20.31.1' } })?.organizationId).to.equal('city');
    expect(attributor.attribute({ source: { ip: '10.21.0.1' } })).to.deep.equal({ organizationId: 'provider', organizationName: 'Org provider' });
  });

  it('matches IPv6 prefixes and IPv4-mapped IPv6 addresses', () => {
    expect(attributor.attribute({ source: { ip: '2001:db8:20:1::5' } })?.organizationId).to.equal('city');
    expect(attributor.attribute({ source: { ip: '2001:db8:ffff::1' } })?.organizationId).to.equal('provider');
    expect(attributor.attribute({ source: { ip: '::ffff:10.20.30.1' } })?.organizationId).to.equal('office');
    expect(attributor.attribute({ source: { ip: '2001:db9::1' } })).to.equal(null);
  });

  it('treats a bare address as a host network', () => {
    expect(attributor.attribute({ source: { ip: '192.0.2.10' } })?.organizationId).to.equal('city');
    expect(attributor.attribute({ source: { ip: '192.0.2.11' } })).to.equal(null);
  });

  it('tries source, then destination, then host, then the sending peer', () => {
    expect(attributor.attribute({ source: { ip: '203.0.113.9' }, destination: { ip: '10.20.30.5' } })?.organizationId).to.equal('office');
    expect(attributor.attribute({ source: { ip: '10.1.1.1' }, destination: { ip: '10.20.30.5' } })?.organizationId).to.equal('provider');
    expect(attributor.attribute({ source: { ip: '203.0.113.9' }, host: { ip: ['198.51.100.1', '10.20.9.9'] } })?.organizationId).to.equal('city');
    expect(attributor.attribute({ source: { ip: '203.0.113.9' }, log: { source: { address: '10.20.30.7' } } })?.organizationId).to.equal('office');
  });

  it('returns null for unattributable events and ignores invalid registry networks', () => {
    expect(attributor.attribute({ message: 'no addresses' })).to.equal(null);
    expect(attributor.attribute({ source: { ip: 'not an ip' } })).to.equal(null);
    expect(attributor.attribute(null)).to.equal(null);
    expect(attributor.attribute({ source: { ip: '10.99.0.1' } })?.organizationId).to.equal('provider');
  });

  it('derives network.direction from constituency membership', () => {
    expect(attributor.direction('203.0.113.9', '10.20.30.5')).to.equal('inbound');
    expect(attributor.direction('10.20.30.5', '203.0.113.9')).to.equal('outbound');
    expect(attributor.direction('10.20.30.5', '10.1.1.1')).to.equal('internal');
    expect(attributor.direction('203.0.113.9', '198.51.100.1')).to.equal('external');
    expect(attributor.direction(undefined, '10.1.1.1')).to.equal(undefined);
  });

  it('finds an organisation by id for token-bound sources', () => {
    expect(attributor.byId('city')).to.deep.equal({ organizationId: 'city', organizationName: 'Org city' });
    expect(attributor.byId('nobody')).to.equal(undefined);
  });

  it('handles a default route', () => {
    const everything = createAttributor([organisation('all', ['0.0.0.0/0', '::/0'])]);
    expect(everything.attribute({ source: { ip: '8.8.8.8' } })?.organizationId).to.equal('all');
    expect(everything.attribute({ source: { ip: '2a00::1' } })?.organizationId).to.equal('all');
  });
});
