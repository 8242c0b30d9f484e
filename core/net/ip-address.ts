/** An address as a number: IPv4 fits a double exactly, IPv6 needs a bigint. */
export type ParsedIp = { family: 4; value: number } | { family: 6; value: bigint };

const DIGIT_ZERO = 0x30;
const DIGIT_NINE = 0x39;
const DOT = 0x2e;

/**
 * Exactly four dot-separated decimal octets of one to three digits, each at most 255 ("010" is 10).
 * Read char by char rather than with a regex: it runs for every address of every event, and a
 * regex match allocates its result array.
 */
export function parseIpv4(text: string): number | undefined {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= DIGIT_ZERO && code <= DIGIT_NINE) {
      if (++digits > 3) return undefined;
      octet = octet * 10 + (code - DIGIT_ZERO);
    } else if (code === DOT && digits > 0 && dots < 3 && octet <= 255) {
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else return undefined;
  }
  if (dots !== 3 || digits === 0 || octet > 255) return undefined;
  return value * 256 + octet;
}

export function parseIpv6(text: string): bigint | undefined {
  let address = text;
  const zone = address.indexOf('%');
  if (zone >= 0) address = address.slice(0, zone);
  if (!address.includes(':')) return undefined;
  const words: number[] = [];
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const parseHalf = (half: string): number[] | undefined => {
    if (half === '') return [];
    const out: number[] = [];
    const parts = half.split(':');
    for (let index = 0; index < parts.length; index++) {
      const part = parts[index]!;
      if (index === parts.length - 1 && part.includes('.')) {
        const v4 = parseIpv4(part);
        if (v4 === undefined) return undefined;
        out.push(Math.floor(v4 / 65536), v4 % 65536);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) out.push(parseInt(part, 16));
      else return undefined;
    }
    return out;
  };
  const head = parseHalf(halves[0]!);
  const tail = halves.length === 2 ? parseHalf(halves[1]!) : [];
  if (!head || !tail) return undefined;
  if (halves.length === 2) {
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return undefined;
    words.push(...head, ...new Array<number>(missing).fill(0), ...tail);
  } else words.push(...head);
  if (words.length !== 8) return undefined;
  return words.reduce((sum, word) => (sum << 16n) | BigInt(word), 0n);
}

const MAPPED_V4_PREFIX = 0xffffn << 32n;

/** Parses either family; IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) come back as IPv4. */
export function parseIp(text: string): ParsedIp | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const v6 = parseIpv6(text);
  if (v6 === undefined) return undefined;
  if (v6 >> 32n === MAPPED_V4_PREFIX >> 32n) return { family: 4, value: Number(v6 & 0xffffffffn) };
  return { family: 6, value: v6 };
}

export interface ParsedCidr {
  family: 4 | 6;
  prefix: number;
  /** The network address with host bits cleared, as a decimal string so that both families share one key type. */
  network: string;
}

export function parseCidr(text: string): ParsedCidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > (ip.family === 4 ? 32 : 128)) return undefined;
  return { family: ip.family, prefix, network: networkOf(ip, prefix) };
}

/** The address with all but the first `prefix` bits cleared, as a decimal string. */
export function networkOf(ip: ParsedIp, prefix: number): string {
  if (ip.family === 4) {
    const hostBits = 32 - prefix;
    return String(hostBits === 32 ? 0 : Math.floor(ip.value / 2 ** hostBits) * 2 ** hostBits);
  }
  const hostBits = BigInt(128 - prefix);
  return String((ip.value >> hostBits) << hostBits);
}

/** Ranges that name a machine inside some network (RFC 1918, RFC 6598, loopback, link-local, RFC 4193), never a host on the internet. */
const INTERNAL_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '0.0.0.0/8', '::1/128', 'fc00::/7', 'fe80::/10'].map(
  (cidr) => parseCidr(cidr)!,
);

export function isInternalAddress(ip: ParsedIp): boolean {
  return INTERNAL_RANGES.some((range) => range.family === ip.family && networkOf(ip, range.prefix) === range.network);
}
