import { apacheAccessLogParser, combinedAccessLogParser, nginxAccessLogParser } from './access-log.js';
import { autoParser } from './auto.js';
import { bindParser } from './bind.js';
import { cefParser } from './cef.js';
import { ciscoAsaParser } from './cisco-asa.js';
import { fortigateParser } from './fortigate.js';
import { iptablesParser } from './iptables.js';
import { jsonParser } from './json.js';
import { kvParser } from './kv.js';
import { linuxAuthParser } from './linux-auth.js';
import { microsoftDhcpParser } from './microsoft-dhcp.js';
import { microsoftDnsParser } from './microsoft-dns.js';
import { panosParser } from './pan-os.js';
import type { Parser } from './parser.js';
import { rfc3164Parser } from './rfc3164.js';
import { rfc5424Parser } from './rfc5424.js';
import { sophosUtmParser } from './sophos-utm.js';
import { sophosXgParser } from './sophos-xg.js';
import { squidParser } from './squid.js';
import { suricataParser } from './suricata.js';

/** Every parser by the name `--parser` and source configs use. */
export const parsers: ReadonlyMap<string, Parser> = new Map<string, Parser>([
  ['auto', autoParser],
  ['rfc5424', rfc5424Parser],
  ['rfc3164', rfc3164Parser],
  ['linux-auth', linuxAuthParser],
  ['iptables', iptablesParser],
  ['json', jsonParser],
  ['suricata', suricataParser],
  ['cef', cefParser],
  ['kv', kvParser],
  ['fortigate', fortigateParser],
  ['access-log', combinedAccessLogParser],
  ['nginx', nginxAccessLogParser],
  ['apache', apacheAccessLogParser],
  ['squid', squidParser],
  ['bind', bindParser],
  ['microsoft-dhcp', microsoftDhcpParser],
  ['microsoft-dns', microsoftDnsParser],
  ['cisco-asa', ciscoAsaParser],
  ['pan-os', panosParser],
  ['sophos-xg', sophosXgParser],
  ['sophos-utm', sophosUtmParser],
]);

export function getParser(name: string): Parser | undefined {
  return parsers.get(name);
}
