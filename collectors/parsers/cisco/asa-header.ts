import { scanBsdTimestamp } from '../syslog/bsd-timestamp.js';
import { scanIsoTimestamp } from '../syslog/iso-timestamp.js';
import { scanPriority, syslogPriority, type SyslogPriority } from '../syslog/syslog-priority.js';

/** What surrounds a Cisco ASA / FTD message: the syslog header and the `%ASA-<level>-<id>:` tag. */
export interface AsaHeader {
  priority?: SyslogPriority;
  /** The line's own time (epoch ms); undefined when the line carries none. */
  millis?: number;
  hostname?: string;
  process?: { name: string; pid?: number };
  product: 'ASA' | 'FTD';
  severity: number;
  messageId: string;
  /** The message text after the tag. */
  message: string;
}

// `%ASA-6-302013:`, `%FTD-6-302013:`, and with a facility-like infix as some releases write it:
// `%ASA-auth-4-113004:`. The tag is looked for near the start only, so a long line costs nothing.
const TAG = /%(ASA|FTD)-(?:[a-z]{1,16}-)?([0-7])-(\d{6}):? ?/;
const TAG_SEARCH_LIMIT = 400;

// Zone names ASA appends to its timestamp (`Sep 25 05:08:29 EDT:`): those of `clock timezone` in
// practice. Others are not guessed; such a time is read as UTC, as Elastic's pipeline does by default.
const ZONE_OFFSET_MINUTES: Record<string, number> = {
  UTC: 0, GMT: 0, CET: 60, CEST: 120, MEZ: 60, MESZ: 120,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420, AST: -240, ADT: -180,
};
const ZONE = /^ ([A-Z]{3,4})\b/;
const PROCESS = /^([^\s:[\]%]{1,64})(?:\[(\d{1,10})\])?:?$/;

interface ScannedHeaderTime { millis: number; end: number }

/** A timestamp at `at`: BSD (with optional year and fraction) or ISO 8601, then an optional zone name. */
function scanTime(text: string, at: number, receivedAt: Date): ScannedHeaderTime | undefined {
  // ASA's `logging timestamp` may put the weekday first: "Mon Oct 10 2018 12:34:56".
  const weekday = /^[A-Z][a-z]{2} (?=[A-Z][a-z]{2} )/.exec(text.slice(at, at + 8));
  const start = weekday ? at + 4 : at;
  const iso = scanIsoTimestamp(text, start, true);
  if (iso !== undefined) return iso;
  const bsd = scanBsdTimestamp(text, start, receivedAt);
  if (bsd === undefined) return undefined;
  const zone = ZONE.exec(text.slice(bsd.end, bsd.end + 6));
  const offset = zone ? ZONE_OFFSET_MINUTES[zone[1]!] : undefined;
  if (zone === null || offset === undefined) return bsd;
  return { millis: bsd.millis - offset * 60_000, end: bsd.end + zone[0].length };
}

/**
 * Reads `[<PRI>][time][ host][ process[pid]][:] %ASA-6-302013: message`. A relay may put its own
 * header before the firewall's (`host : Sep 25 05:08:29 UTC: %ASA...`): the time nearest the tag wins,
 * because it is the firewall's own.
 */
export function scanAsaHeader(line: string, receivedAt: Date): AsaHeader | undefined {
  const tag = TAG.exec(line.slice(0, TAG_SEARCH_LIMIT));
  if (tag === null) return undefined;
  const header: AsaHeader = {
    product: tag[1] as 'ASA' | 'FTD',
    severity: Number(tag[2]),
    messageId: tag[3]!,
    message: line.slice(tag.index + tag[0].length).trim(),
  };
  const prefix = line.slice(0, tag.index);
  const pri = scanPriority(prefix);
  if (pri !== undefined) header.priority = syslogPriority(pri.priority);
  const words: string[] = [];
  let i = pri?.end ?? 0;
  while (i < prefix.length) {
    if (prefix[i] === ' ' || prefix[i] === ':') {
      i++;
      continue;
    }
    const time = scanTime(prefix, i, receivedAt);
    if (time !== undefined) {
      header.millis = time.millis;
      i = time.end;
      continue;
    }
    const end = prefix.indexOf(' ', i);
    words.push(prefix.slice(i, end < 0 ? prefix.length : end));
    i = end < 0 ? prefix.length : end;
  }
  // The first word is the device (its `logging device-id`), a second one the program of a relay.
  const [host, program] = words.map((word) => word.replace(/:$/, ''));
  if (host !== undefined && host !== '') {
    const asProcess = PROCESS.exec(host);
    if (program === undefined && asProcess?.[2] !== undefined) header.process = { name: asProcess[1]!, pid: Number(asProcess[2]) };
    else header.hostname = host;
  }
  const programMatch = program === undefined ? null : PROCESS.exec(program);
  if (programMatch) header.process = { name: programMatch[1]!, ...(programMatch[2] !== undefined ? { pid: Number(programMatch[2]) } : {}) };
  return header;
}
