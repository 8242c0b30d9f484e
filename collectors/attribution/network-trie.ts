import { parseIp, type ParsedIp } from '../../core/net/ip-address.js';

interface TrieNode<T> { zero?: TrieNode<T>; one?: TrieNode<T>; value?: T }

/**
 * Longest-prefix match over CIDR networks: a binary trie per IP version, walked bit by bit, so a
 * lookup costs at most 32 or 128 steps however many networks the constituency has.
 */
export class NetworkTrie<T> {
  private readonly roots: Record<4 | 6, TrieNode<T>> = { 4: {}, 6: {} };

  /** Adds a network ("10.0.0.0/8", "2001:db8::/32", or a bare address); false when it is not one. */
  insert(cidr: string, value: T): boolean {
    const slash = cidr.indexOf('/');
    const address = parseIp(slash < 0 ? cidr : cidr.slice(0, slash));
    if (address === undefined) return false;
    const width = address.family === 4 ? 32 : 128;
    // An IPv4-mapped IPv6 prefix ("::ffff:10.0.0.0/104") counts its bits in the 128-bit space.
    const mapped = address.family === 4 && cidr.slice(0, slash < 0 ? undefined : slash).includes(':');
    let length = slash < 0 ? width : Number(cidr.slice(slash + 1));
    if (mapped) length -= 96;
    if (!Number.isInteger(length) || length < 0 || length > width || (slash >= 0 && !/^\d{1,3}$/.test(cidr.slice(slash + 1)))) return false;
    let node = this.roots[address.family];
    const bits = BigInt(address.value);
    for (let bit = 0; bit < length; bit++) {
      const one = (bits >> BigInt(width - 1 - bit)) & 1n;
      node = one ? (node.one ??= {}) : (node.zero ??= {});
    }
    node.value = value;
    return true;
  }

  /** The value of the most specific network containing the address, if any. */
  lookup(ip: string): T | undefined {
    const address: ParsedIp | undefined = parseIp(ip);
    if (address === undefined) return undefined;
    let node: TrieNode<T> | undefined = this.roots[address.family];
    let found = node.value;
    if (address.family === 4) {
      // Every event is looked up: IPv4 walks with 32-bit integer shifts (the address fits an
      // unsigned 32-bit value), not a BigInt or a power of two per bit.
      const value = address.value;
      for (let bit = 31; bit >= 0 && node !== undefined; bit--) {
        node = (value >>> bit) & 1 ? node.one : node.zero;
        if (node?.value !== undefined) found = node.value;
      }
      return found;
    }
    const bits = address.value;
    for (let bit = 127; bit >= 0 && node !== undefined; bit--) {
      node = (bits >> BigInt(bit)) & 1n ? node.one : node.zero;
      if (node?.value !== undefined) found = node.value;
    }
    return found;
  }
}
