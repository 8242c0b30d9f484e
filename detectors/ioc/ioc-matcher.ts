import type { EcsEvent } from '../../core/domain/ecs.js';
import { FieldSet } from '../field-set.js';
import { normaliseDomain, normaliseUrl, type Indicator } from './indicator.js';
import { networkOf, parseCidr, parseIp, parseIpv4 } from '../../core/net/ip-address.js';
import type { IocList } from './ioc-list.js';

/** Which event fields are checked for which kind of indicator (ECS names). */
export const IOC_FIELDS = {
  ip: ['source.ip', 'destination.ip', 'client.ip', 'server.ip', 'dns.resolved_ip'],
  domain: ['dns.question.name', 'url.domain', 'destination.domain', 'server.domain', 'tls.client.server_name'],
  url: ['url.full', 'url.original'],
  hash: ['file.hash.md5', 'file.hash.sha1', 'file.hash.sha256', 'process.hash.md5', 'process.hash.sha1', 'process.hash.sha256', 'process.parent.hash.sha256', 'dll.hash.sha256'],
} as const;


export interface IocMatch {
  list: IocList;
  indicator: Indicator;
  /** The event field that held the match and its value there. */
  field: string;
  value: string;
}

interface Entry {
  list: IocList;
  indicator: Indicator;
}

/** Most events match nothing; they all share this result. */
const NO_MATCHES: readonly IocMatch[] = Object.freeze([]);

/** Adds the matches of one field value; the array is created by the first match. */
type Lookup = (value: string, field: string, matches: IocMatch[] | undefined) => IocMatch[] | undefined;

/** One kind of indicator present in the lists: the fields that may hold it and how to look a value up. */
interface Check {
  fields: readonly string[];
  /** Where `fields` start in the matcher's FieldSet. */
  first: number;
  lookup: Lookup;
}

interface Ipv4Networks {
  /** 2 ** (32 - prefix): dividing an address by it leaves the network bits. */
  divisor: number;
  byNetwork: Map<number, Entry[]>;
}

/** The divisor of a /32: exact addresses are keyed like one-address networks. */
const WHOLE_ADDRESS = 1;

/** Domain names are at most 253 characters; a longer suffix cannot be listed. */
const MAX_DOMAIN_LENGTH = 253;

/**
 * All IOC lists, indexed for constant-time lookups: exact addresses, hashes and URLs in Maps;
 * domains by walking the name's suffixes (a listed domain covers its subdomains); networks per
 * prefix length, so an address costs one lookup per distinct prefix length in the lists.
 * IPv4 addresses and networks are keyed by number, so that the common lookup builds no string.
 */
export class IocMatcher {
  private readonly ipv4 = new Map<number, Entry[]>();
  /** Longest prefix first. */
  private readonly ipv4Networks: Ipv4Networks[] = [];
  /** Keyed by the address as a decimal bigint string: IPv6 is rare enough to keep it simple. */
  private readonly ipv6 = new Map<string, Entry[]>();
  private readonly ipv6Networks = new Map<number, Map<string, Entry[]>>();
  private readonly ipv6Prefixes: number[] = [];
  private readonly domains = new Map<string, Entry[]>();
  /** Which suffix lengths are worth a lookup: most suffixes of a name are not listed, and cutting each out costs a string. */
  private readonly domainLengths = new Uint8Array(MAX_DOMAIN_LENGTH + 1);
  private readonly urls = new Map<string, Entry[]>();
  private readonly hashes = new Map<string, Entry[]>();
  /** Only the kinds the lists hold: fields of the others are never read. */
  private readonly checks: Check[] = [];
  /** The fields of all checks, in check order. */
  private readonly fields: FieldSet;

  constructor(readonly lists: IocList[]) {
    const ipv4Networks = new Map<number, Map<number, Entry[]>>();
    for (const list of lists) {
      for (const indicator of list.indicators) this.add({ list, indicator }, ipv4Networks);
    }
    for (const prefix of [...ipv4Networks.keys()].sort((a, b) => b - a)) {
      this.ipv4Networks.push({ divisor: 2 ** (32 - prefix), byNetwork: ipv4Networks.get(prefix)! });
    }
    this.ipv6Prefixes.push(...[...this.ipv6Networks.keys()].sort((a, b) => b - a));

    const paths: string[] = [];
    const check = (fields: readonly string[], lookup: Lookup): void => {
      this.checks.push({ fields, first: paths.length, lookup });
      paths.push(...fields);
    };
    if (this.ipv4.size + this.ipv4Networks.length + this.ipv6.size + this.ipv6Networks.size > 0) {
      check(IOC_FIELDS.ip, (value, field, matches) => this.matchAddress(value, field, matches));
    }
    if (this.domains.size > 0) check(IOC_FIELDS.domain, (value, field, matches) => this.matchDomain(value, field, matches));
    if (this.urls.size > 0) {
      check(IOC_FIELDS.url, (value, field, matches) => (value.includes('://') ? collect(matches, this.urls.get(normaliseUrl(value)), field, value) : matches));
    }
    if (this.hashes.size > 0) check(IOC_FIELDS.hash, (value, field, matches) => collect(matches, this.hashes.get(value.toLowerCase()), field, value));
    this.fields = new FieldSet(paths);
  }

  get size(): number {
    return this.lists.reduce((sum, list) => sum + list.indicators.length, 0);
  }

  /** The matches in field order; the result is frozen and shared when there are none. */
  match(event: EcsEvent): readonly IocMatch[] {
    let matches: IocMatch[] | undefined;
    if (this.checks.length === 0) return NO_MATCHES;
    this.fields.use(event);
    for (let c = 0; c < this.checks.length; c++) {
      const { fields, first, lookup } = this.checks[c]!;
      for (let f = 0; f < fields.length; f++) {
        const field = fields[f]!;
        const value = this.fields.value(first + f);
        if (typeof value === 'string') {
          if (value !== '') matches = lookup(value, field, matches);
        } else if (Array.isArray(value)) {
          for (const item of value as unknown[]) if (typeof item === 'string' && item !== '') matches = lookup(item, field, matches);
        }
      }
    }
    return matches ?? NO_MATCHES;
  }

  private add(entry: Entry, ipv4Networks: Map<number, Map<number, Entry[]>>): void {
    const { indicator } = entry;
    switch (indicator.type) {
      case 'ip': {
        const ip = parseIp(indicator.value)!;
        // Key by the canonical form so that "2001:db8::1" and "2001:0db8:0:0::1" meet.
        if (ip.family === 4) push(this.ipv4, ipv4Key(ip.value, WHOLE_ADDRESS), entry);
        else push(this.ipv6, String(ip.value), entry);
        return;
      }
      case 'cidr': {
        const cidr = parseCidr(indicator.value)!;
        if (cidr.family === 4) {
          const byNetwork = ipv4Networks.get(cidr.prefix) ?? new Map<number, Entry[]>();
          ipv4Networks.set(cidr.prefix, byNetwork);
          push(byNetwork, ipv4Key(Number(cidr.network), 2 ** (32 - cidr.prefix)), entry);
        } else {
          const byNetwork = this.ipv6Networks.get(cidr.prefix) ?? new Map<string, Entry[]>();
          this.ipv6Networks.set(cidr.prefix, byNetwork);
          push(byNetwork, cidr.network, entry);
        }
        return;
      }
      case 'domain':
        push(this.domains, indicator.value, entry);
        if (indicator.value.length <= MAX_DOMAIN_LENGTH) this.domainLengths[indicator.value.length] = 1;
        return;
      case 'url':
        push(this.urls, indicator.value, entry);
        return;
      default:
        push(this.hashes, indicator.value, entry);
    }
  }

  private matchAddress(value: string, field: string, matches: IocMatch[] | undefined): IocMatch[] | undefined {
    const v4 = parseIpv4(value);
    if (v4 !== undefined) return this.matchIpv4(v4, value, field, matches);
    // Not dotted IPv4: IPv6, of which an IPv4-mapped address still counts as IPv4.
    const ip = parseIp(value);
    if (!ip) return matches;
    if (ip.family === 4) return this.matchIpv4(ip.value, value, field, matches);
    let found = collect(matches, this.ipv6.get(String(ip.value)), field, value);
    for (const prefix of this.ipv6Prefixes) {
      found = collect(found, this.ipv6Networks.get(prefix)!.get(networkOf(ip, prefix)), field, value);
    }
    return found;
  }

  private matchIpv4(address: number, value: string, field: string, matches: IocMatch[] | undefined): IocMatch[] | undefined {
    let found = collect(matches, this.ipv4.get(ipv4Key(address, WHOLE_ADDRESS)), field, value);
    for (let n = 0; n < this.ipv4Networks.length; n++) {
      const { divisor, byNetwork } = this.ipv4Networks[n]!;
      found = collect(found, byNetwork.get(ipv4Key(address, divisor)), field, value);
    }
    return found;
  }

  /** The name and each parent domain, longest first. */
  private matchDomain(value: string, field: string, matches: IocMatch[] | undefined): IocMatch[] | undefined {
    const name = normaliseDomain(value);
    let found = matches;
    for (let start = 0; start >= 0; ) {
      const length = name.length - start;
      if (length <= MAX_DOMAIN_LENGTH && this.domainLengths[length] === 1) {
        found = collect(found, this.domains.get(start === 0 ? name : name.slice(start)), field, value);
      }
      const dot = name.indexOf('.', start);
      start = dot < 0 ? -1 : dot + 1;
    }
    return found;
  }
}

/**
 * The network bits of an IPv4 address as a Map key. `| 0` folds addresses above 2^31 (a /32 or an
 * exact address) into negative numbers: a key that fits a small integer costs no heap number per lookup.
 */
function ipv4Key(address: number, divisor: number): number {
  return Math.floor(address / divisor) | 0;
}

function push<K>(map: Map<K, Entry[]>, key: K, entry: Entry): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

function collect(matches: IocMatch[] | undefined, entries: Entry[] | undefined, field: string, value: string): IocMatch[] | undefined {
  if (entries === undefined) return matches;
  const found = matches ?? [];
  for (const entry of entries) found.push({ list: entry.list, indicator: entry.indicator, field, value });
  return found;
}
