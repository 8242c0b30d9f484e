import { isIP } from 'node:net';
import { parseIp, parseIpv4 } from '../../core/net/ip-address.js';

const MAPPED_V4 = 0xffffn << 32n;

/**
 * The networks of a `cidr` modifier as numeric ranges. `net.BlockList.check` would do the same but
 * builds a SocketAddress per call, which showed up at about 5 % of a detection run; here a check
 * is a parse and a few comparisons. Like BlockList, an IPv4 address also matches an IPv6 network
 * that holds its IPv4-mapped form (::ffff:a.b.c.d), and a mapped IPv6 address matches IPv4 networks.
 */
export class AddressRanges {
  private readonly v4: number[] = [];
  private readonly v6: bigint[] = [];

  /** `address` must be a valid address (net.isIP) of the family `bits` belongs to. */
  add(address: string, bits: number): void {
    const ip = parseIp(address);
    if (ip === undefined) throw new Error(`not an IP address: ${address}`);
    if (ip.family === 4 && isIP(address) === 4) {
      const size = 2 ** (32 - bits);
      const start = Math.floor(ip.value / size) * size;
      this.v4.push(start, start + size - 1);
    } else {
      const value = ip.family === 4 ? MAPPED_V4 | BigInt(ip.value) : ip.value;
      const hostBits = BigInt(128 - bits);
      const start = (value >> hostBits) << hostBits;
      this.v6.push(start, start + (1n << hostBits) - 1n);
    }
  }

  /** True when `text` is an address (net.isIP) inside one of the networks. */
  contains(text: string): boolean {
    if (isIP(text) === 0) return false;
    // Dotted IPv4, the common case, as a plain number: no parse result is built.
    const v4 = parseIpv4(text);
    if (v4 !== undefined) return this.containsV4(v4);
    const ip = parseIp(text);
    if (ip === undefined) return false;
    return ip.family === 4 ? this.containsV4(ip.value) : this.containsV6(ip.value);
  }

  private containsV4(address: number): boolean {
    for (let i = 0; i < this.v4.length; i += 2) if (address >= this.v4[i]! && address <= this.v4[i + 1]!) return true;
    return this.v6.length > 0 && this.containsV6(MAPPED_V4 | BigInt(address));
  }

  private containsV6(value: bigint): boolean {
    for (let i = 0; i < this.v6.length; i += 2) if (value >= this.v6[i]! && value <= this.v6[i + 1]!) return true;
    return false;
  }
}
