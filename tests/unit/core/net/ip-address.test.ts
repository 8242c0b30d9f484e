import { expect } from 'chai';
import { networkOf, parseCidr, parseIp, parseIpv4 } from '../../../../core/net/ip-address.js';

/** The regex parser that parseIpv4 replaced: the hand-written one must accept exactly what it accepted. */
function regexIpv4(text: string): number | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!match) return undefined;
  let value = 0;
  for (let index = 1; index <= 4; index++) {
    const octet = Number(match[index]);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

describe('core > net > ip address', () => {
  it('parses dotted IPv4, leading zeros included', () => {
    expect(parseIpv4('0.0.0.0')).to.equal(0);
    expect(parseIpv4('255.255.255.255')).to.equal(2 ** 32 - 1);
    expect(parseIpv4('203.0.113.7')).to.equal(((203 * 256 + 0) * 256 + 113) * 256 + 7);
    expect(parseIpv4('010.001.000.009')).to.equal(((10 * 256 + 1) * 256 + 0) * 256 + 9);
  });

  it('rejects what is not exactly four octets of 1 to 3 digits up to 255', () => {
    const rejected = ['', '256.0.0.1', '1.2.3.256', '1.2.3.999', '1..2.3', '.1.2.3', '1.2.3.', '1.2.3.4.', '1.2.3.4.5', '1.2.3', '0001.2.3.4', '1.2.3.0004', ' 1.2.3.4', '1.2.3.4 ', '1.2 .3.4', '1.2.3.4\n', '1.2.3.-4', '+1.2.3.4', '1.2.3.0x4', '1.2.3.4/32', '١.٢.٣.٤', '１.2.3.4', '::ffff:1.2.3.4'];
    for (const text of rejected) expect(parseIpv4(text), JSON.stringify(text)).to.equal(undefined);
  });

  it('agrees with the regex parser it replaced on generated near-addresses', () => {
    const alphabet = '0123456789.....  a:x';
    // mulberry32: a fixed seed keeps failures reproducible.
    let seed = 12345;
    const random = (bound: number): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) % bound;
    };
    let accepted = 0;
    for (let round = 0; round < 20_000; round++) {
      let text = '';
      if (round % 2 === 0) {
        // Mostly well-formed: sometimes three or five octets, an octet above 255, padding to four digits or a stray character.
        const count = random(6) === 0 ? 3 + 2 * random(2) : 4;
        const octets = Array.from({ length: count }, () => String(random(4) === 0 ? random(1000) : random(256)).padStart(random(5), '0'));
        text = octets.join('.');
        if (random(4) === 0) text = text.slice(0, random(text.length + 1)) + alphabet[random(alphabet.length)]! + text.slice(random(text.length + 1));
      } else {
        const length = random(17);
        for (let index = 0; index < length; index++) text += alphabet[random(alphabet.length)]!;
      }
      const expected = regexIpv4(text);
      if (expected !== undefined) accepted++;
      expect(parseIpv4(text), JSON.stringify(text)).to.equal(expected);
    }
    expect(accepted).to.be.greaterThan(1000);
  });

  it('parses IPv6 and returns IPv4-mapped addresses as IPv4', () => {
    expect(parseIp('2001:db8::1')).to.deep.equal({ family: 6, value: (0x20010db8n << 96n) | 1n });
    expect(parseIp('::ffff:203.0.113.7')).to.deep.equal({ family: 4, value: parseIpv4('203.0.113.7') });
    expect(parseIp('::ffff:203.0.113.256')).to.equal(undefined);
    expect(parseIp('1.2.3.4.5')).to.equal(undefined);
  });

  it('clears the host bits of a network, /0 and /32 included', () => {
    expect(parseCidr('203.0.113.77/24')).to.deep.equal({ family: 4, prefix: 24, network: String(parseIpv4('203.0.113.0')) });
    expect(parseCidr('255.255.255.255/32')).to.deep.equal({ family: 4, prefix: 32, network: String(2 ** 32 - 1) });
    expect(parseCidr('203.0.113.77/0')).to.deep.equal({ family: 4, prefix: 0, network: '0' });
    expect(parseCidr('10.0.0.0/33')).to.equal(undefined);
    expect(networkOf({ family: 6, value: (0x20010db8n << 96n) | 0x42n }, 32)).to.equal(String(0x20010db8n << 96n));
  });
});
