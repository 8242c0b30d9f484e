import { dataIp } from './windows-values.js';

export interface DnsAnswer { type?: string; data?: string }

/** DNS record type numbers (IANA "Resource Record (RR) TYPEs") Sysmon writes as `type:  5`. */
const RECORD_TYPES: Readonly<Record<string, string>> = {
  1: 'A', 2: 'NS', 3: 'MD', 4: 'MF', 5: 'CNAME', 6: 'SOA', 7: 'MB', 8: 'MG', 9: 'MR', 10: 'NULL', 11: 'WKS', 12: 'PTR',
  13: 'HINFO', 14: 'MINFO', 15: 'MX', 16: 'TXT', 17: 'RP', 18: 'AFSDB', 19: 'X25', 20: 'ISDN', 21: 'RT', 22: 'NSAP',
  23: 'NSAPPTR', 24: 'SIG', 25: 'KEY', 26: 'PX', 27: 'GPOS', 28: 'AAAA', 29: 'LOC', 30: 'NXT', 31: 'EID', 32: 'NIMLOC',
  33: 'SRV', 34: 'ATMA', 35: 'NAPTR', 36: 'KX', 37: 'CERT', 38: 'A6', 39: 'DNAME', 40: 'SINK', 41: 'OPT', 43: 'DS',
  46: 'RRSIG', 47: 'NSEC', 48: 'DNSKEY', 49: 'DHCID', 100: 'UINFO', 101: 'UID', 102: 'GID', 103: 'UNSPEC', 248: 'ADDRS',
  249: 'TKEY', 250: 'TSIG', 251: 'IXFR', 252: 'AXFR', 253: 'MAILB', 254: 'MAILA', 255: 'ANY', 65281: 'WINS', 65282: 'WINSR',
};

const MAX_RESULTS = 256;
const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const IPV6 = /^[0-9a-f:.]+$/i;

/**
 * Sysmon's DNS `QueryResults` (`type:  5 alias.example;::ffff:192.0.2.1;2001:db8::1;`): named records
 * become answers of their type, addresses become resolved IPs (IPv4-mapped ones as IPv4), and, as
 * Elastic does, every resolved IP is also an A or AAAA answer after the named ones.
 */
export function parseDnsResults(value: unknown): { answers?: DnsAnswer[]; resolved_ip?: string[] } {
  if (typeof value !== 'string' || value === '' || value === '-') return {};
  const answers: DnsAnswer[] = [];
  const ips: string[] = [];
  for (const result of value.split(';').slice(0, MAX_RESULTS)) {
    if (result === '') continue;
    if (result.startsWith('type:')) {
      const parts = result.split(/\s+/);
      const type = RECORD_TYPES[parts[1] ?? ''];
      answers.push(parts.length === 3 ? { type, data: parts[2] } : { type });
      continue;
    }
    const ip = dataIp(result.trim());
    if (ip !== undefined && (IPV4.test(ip) || (ip.includes(':') && IPV6.test(ip)))) ips.push(ip);
  }
  for (const ip of ips) answers.push({ type: ip.includes(':') ? 'AAAA' : 'A', data: ip });
  return { answers: answers.length > 0 ? answers : undefined, resolved_ip: ips.length > 0 ? ips : undefined };
}
