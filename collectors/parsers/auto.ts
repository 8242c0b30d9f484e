import { combinedAccessLogParser } from './access-log.js';
import { bindParser } from './bind.js';
import { cefParser } from './cef.js';
import { ciscoAsaParser } from './cisco-asa.js';
import { defineParser } from './define-parser.js';
import { fortigateParser } from './fortigate.js';
import { jsonParser } from './json.js';
import { kvParser } from './kv.js';
import { microsoftDhcpParser } from './microsoft-dhcp.js';
import { microsoftDnsParser } from './microsoft-dns.js';
import { panosParser } from './pan-os.js';
import type { ParseContext, ParseOutcome, Parser } from './parser.js';
import { rfc3164Parser } from './rfc3164.js';
import { rfc5424Parser } from './rfc5424.js';
import { sophosUtmParser } from './sophos-utm.js';
import { sophosXgParser } from './sophos-xg.js';
import { squidParser } from './squid.js';
import { suricataParser } from './suricata.js';
import { isRfc5424 } from './syslog/is-rfc5424.js';

// Cheap looks at the start of the line only: the chosen parser does the real validation.
// FortiOS gives every log a ten-digit log id; FortiManager writes it as log_id.
const FORTIGATE = /(?:^|[\s>])log_?id="?\d{10}["\s]/;
const KEY_VALUES = /^(?:<\d{1,3}>)?\s*(?:date=|devname=|logver=|eventtime=)/;
const SQUID = /^\d{9,11}\.\d{3} +\d+ /;
const BIND_FILE = /^\d{2}-[A-Z][a-z]{2}-\d{4} \d{2}:\d{2}:\d{2}/;
const MICROSOFT_DHCP = /^\d{2,5},\d{2}\/\d{2}\/\d{2},/;
const MICROSOFT_DNS = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4} \d{1,2}:\d{2}:\d{2}(?: [AP]M)? [0-9A-Fa-f]{1,8} PACKET /;
const CISCO_ASA = /%(?:ASA|FTD)-(?:[a-z]{1,16}-)?[0-7]-\d{6}:/;
// PAN-OS CSV: receive time, serial number and log type as its 2nd to 4th fields.
const PAN_OS = /(?:^|\s)\d{1,10},\d{4}[/-]\d{2}[/-]\d{2}[ T][\d:.Z]{8,20},[0-9A-Za-z-]{0,32},(?:TRAFFIC|THREAT|SYSTEM|CONFIG|GLOBALPROTECT|USERID|HIPMATCH|AUTHENTICATION|DECRYPTION),/;
// Sophos Firewall names itself `device="SFW"` (v17/v18) or `device_name="SFW"` (v19+) before its twelve-digit log id.
const SOPHOS_XG = /(?:^|[\s>])device(?:_name)?="SFW"\s/;
const SOPHOS_XG_LOG_ID = /\slog_id="?\d{12}["\s]/;
// Sophos UTM's own header: `YYYY:MM:DD-hh:mm:ss host process`.
const SOPHOS_UTM = /^(?:<\d{1,3}>)?\d{4}:\d{2}:\d{2}-\d{2}:\d{2}:\d{2} \S/;
const ACCESS_LOG = /^\S{1,255} \S{1,255} \S{1,255} \[\d{2}\/[A-Z][a-z]{2}\/\d{4}:/;

function choose(line: string): Parser {
  const head = line.slice(0, 512);
  if (head.startsWith('{')) return head.includes('"event_type"') ? suricataParser : jsonParser;
  if (head.includes('CEF:')) return cefParser;
  // Each unanchored pattern is tried only when a substring it cannot match without is there:
  // a search for a fixed string is much cheaper than the pattern, and most lines have none of them.
  if (head.includes('id=') && FORTIGATE.test(head)) return fortigateParser;
  if (head.includes('"SFW"') && SOPHOS_XG.test(head) && SOPHOS_XG_LOG_ID.test(head)) return sophosXgParser;
  // After `<PRI>` an RFC 5424 line has a version digit and a space, where neither Sophos UTM's
  // four-digit year nor a key=value keyword can stand: those two patterns are skipped for it.
  const rfc5424 = isRfc5424(head);
  if (!rfc5424 && SOPHOS_UTM.test(head)) return sophosUtmParser;
  if (!rfc5424 && KEY_VALUES.test(head)) return kvParser;
  if (head.includes('%') && CISCO_ASA.test(head)) return ciscoAsaParser;
  if (head.includes(',') && PAN_OS.test(head)) return panosParser;
  if (rfc5424) return rfc5424Parser;
  if (head.startsWith('<')) return rfc3164Parser;
  if (MICROSOFT_DHCP.test(head)) return microsoftDhcpParser;
  if (MICROSOFT_DNS.test(head)) return microsoftDnsParser;
  if (SQUID.test(head)) return squidParser;
  if (BIND_FILE.test(head)) return bindParser;
  if (ACCESS_LOG.test(head)) return combinedAccessLogParser;
  return rfc3164Parser;
}

/** Picks the parser from the shape of the line; the outcome names the parser that was used. */
export const autoParser: Parser = defineParser('auto', (line: string, context: ParseContext) => {
  const outcome: ParseOutcome = choose(line).parse(line, context);
  return outcome.ok ? outcome.event : outcome.reason;
});
