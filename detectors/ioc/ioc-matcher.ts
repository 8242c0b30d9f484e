import type { EcsEvent } from '../../core/domain/ecs.js';
import { fieldReader } from '../field-reader.js';
import { normaliseDomain, normaliseUrl, type Indicator } from './indicator.js';
import { networkOf, parseCidr, parseIp } from '../../core/net/ip-address.js';
import type { IocList } from './ioc-list.js';

/** Which event fields are checked for which kind of indicator (ECS names). */
export const IOC_FIELDS = {
  ip: ['source.ip', 'destination.ip', 'client.ip', 'server.ip', 'dns.resolved_ip'],
  domain: ['dns.question.name', 'url.domain', 'destination.domain', 'server.domain', 'tls.client.server_name'],
  url: ['url.full', 'url.original'],
  hash: ['file.hash.md5', 'file.hash.sha1', 'file.hash.sha256', 'process.hash.md5', 'process.hash.sha1', 'process.hash.sha256', 'process.parent.hash.sha256', 'dll.hash.sha256'],
} as const;

type Reader = readonly [field: string, read: (event: unknown) => unknown];
const readersOf = (fields: readonly string[]): Reader[] => fields.map((field) => [field, fieldReader(field)] as const);
// Readers resolved once: `match` runs for every event.
const READERS = { ip: readersOf(IOC_FIELDS.ip), domain: readersOf(IOC_FIELDS.domain), url: readersOf(IOC_FIELDS.url), hash: readersOf(IOC_FIELDS.hash) };

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

/**
 * All IOC lists, indexed for constant-time lookups: exact addresses, hashes and URLs in Maps;
 * domains by walking the name's suffixes (a listed domain covers its subdomains); networks per
 * prefix length, so an address costs one lookup per distinct prefix length in the lists.
 */
export class IocMatcher {
  private readonly exact = new Map<string, Entry[]>();
  private readonly domains = new Map<string, Entry[]>();
  private readonly networks = { 4: new Map<number, Map<string, Entry[]>>(), 6: new Map<number, Map<string, Entry[]>>() };
  private readonly prefixes: { 4: number[]; 6: number[] } = { 4: [], 6: [] };

  constructor(readonly lists: IocList[]) {
    for (const list of lists) {
      for (const indicator of list.indicators) this.add({ list, indicator });
    }
    this.prefixes[4] = [...this.networks[4].keys()].sort((a, b) => b - a);
    this.prefixes[6] = [...this.networks[6].keys()].sort((a, b) => b - a);
  }

  get size(): number {
    return this.lists.reduce((sum, list) => sum + list.indicators.length, 0);
  }

  match(event: EcsEvent): IocMatch[] {
    if (this.lists.length === 0) return [];
    const matches: IocMatch[] = [];
    for (const [field, read] of READERS.ip) {
      for (const value of valuesOf(read(event))) this.matchAddress(value, field, matches);
    }
    for (const [field, read] of READERS.domain) {
      for (const value of valuesOf(read(event))) collect(matches, field, value, this.lookupDomain(normaliseDomain(value)));
    }
    for (const [field, read] of READERS.url) {
      for (const value of valuesOf(read(event))) if (value.includes('://')) collect(matches, field, value, this.exact.get(`url:${normaliseUrl(value)}`));
    }
    for (const [field, read] of READERS.hash) {
      for (const value of valuesOf(read(event))) collect(matches, field, value, this.exact.get(`hash:${value.toLowerCase()}`));
    }
    return matches;
  }

  private add(entry: Entry): void {
    const { indicator } = entry;
    switch (indicator.type) {
      case 'ip': {
        const ip = parseIp(indicator.value)!;
        // Key by the canonical form so that "2001:db8::1" and "2001:0db8:0:0::1" meet.
        push(this.exact, `ip:${ip.family}:${String(ip.value)}`, entry);
        return;
      }
      case 'cidr': {
        const cidr = parseCidr(indicator.value)!;
        const byPrefix = this.networks[cidr.family];
        const table = byPrefix.get(cidr.prefix) ?? new Map<string, Entry[]>();
        byPrefix.set(cidr.prefix, table);
        push(table, cidr.network, entry);
        return;
      }
      case 'domain':
        push(this.domains, indicator.value, entry);
        return;
      case 'url':
        push(this.exact, `url:${indicator.value}`, entry);
        return;
      default:
        push(this.exact, `hash:${indicator.value}`, entry);
    }
  }

  private matchAddress(value: string, field: string, matches: IocMatch[]): void {
    const ip = parseIp(value);
    if (!ip) return;
    collect(matches, field, value, this.exact.get(`ip:${ip.family}:${String(ip.value)}`));
    for (const prefix of this.prefixes[ip.family]) {
      collect(matches, field, value, this.networks[ip.family].get(prefix)!.get(networkOf(ip, prefix)));
    }
  }

  private lookupDomain(name: string): Entry[] | undefined {
    let found: Entry[] | undefined;
    for (let suffix = name; ; ) {
      const entries = this.domains.get(suffix);
      if (entries) found = found ? [...found, ...entries] : entries;
      const dot = suffix.indexOf('.');
      if (dot < 0) return found;
      suffix = suffix.slice(dot + 1);
    }
  }
}

function push(map: Map<string, Entry[]>, key: string, entry: Entry): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

function collect(matches: IocMatch[], field: string, value: string, entries: Entry[] | undefined): void {
  if (entries === undefined) return;
  for (const entry of entries) matches.push({ list: entry.list, indicator: entry.indicator, field, value });
}

const NO_VALUES: string[] = [];

/** The non-empty strings of a field value; the common absent field costs no allocation. */
function valuesOf(value: unknown): readonly string[] {
  if (value === undefined) return NO_VALUES;
  if (typeof value === 'string') return value ? [value] : NO_VALUES;
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string' && item !== '');
  return NO_VALUES;
}
