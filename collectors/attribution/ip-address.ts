import { isIPv4, isIPv6 } from 'node:net';

/** An address as bits: IPv4 as 32, IPv6 as 128 (IPv4-mapped IPv6 is read as the IPv4 address). */
export interface IpBits { version: 4 | 6; value: bigint }

function ipv4Value(text: string): bigint {
  return text.split('.').reduce((value, octet) => (value << 8n) | BigInt(Number(octet)), 0n);
}

export function parseIpAddress(raw: string): IpBits | undefined {
  // Zone ids ("fe80::1%eth0") do not take part in routing decisions.
  const text = raw.includes('%') ? raw.slice(0, raw.indexOf('%')) : raw;
  if (isIPv4(text)) return { version: 4, value: ipv4Value(text) };
  if (!isIPv6(text)) return undefined;
  let head = text;
  let tail4: bigint | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    tail4 = ipv4Value(text.slice(lastColon + 1));
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [left, right] = head.includes('::') ? head.split('::') : [head, undefined];
  const leftGroups = left ? left.split(':') : [];
  const rightGroups = right ? right.split(':') : [];
  const groups = right === undefined ? leftGroups : [...leftGroups, ...Array<string>(8 - leftGroups.length - rightGroups.length).fill('0'), ...rightGroups];
  let value = groups.reduce((acc, group) => (acc << 16n) | BigInt(parseInt(group, 16)), 0n);
  if (tail4 !== undefined) value = (value & ~0xffffffffn) | tail4;
  if (value >> 32n === 0xffffn) return { version: 4, value: value & 0xffffffffn };
  return { version: 6, value };
}
