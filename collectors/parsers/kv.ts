import { isIP } from 'node:net';
import { defineParser, type ParseResult } from './define-parser.js';
import { ianaProtocol } from './iana-protocol.js';
import { mergeFields } from './messages/merge-fields.js';
import type { ParseContext, ParsedEvent } from './parser.js';
import { scanPriority, syslogPriority } from './syslog/syslog-priority.js';
import { scanIsoTimestamp } from './syslog/iso-timestamp.js';
import { setOwnField } from './set-own-field.js';

// key=value appliance logs; field names follow FortiOS's log reference (srcip, dstport, action...).
const ALLOWED = new Set(['accept', 'allow', 'allowed', 'pass', 'passthrough', 'close', 'timeout', 'server-rst', 'client-rst', 'start']);
const DENIED = new Set(['deny', 'denied', 'drop', 'dropped', 'block', 'blocked', 'reject']);

/** Reads `key=value key="quoted value"` pairs; an unterminated quote runs to the end of the line. */
export function scanKeyValues(text: string, start: number): Record<string, string> {
  const pairs: Record<string, string> = {};
  let i = start;
  while (i < text.length) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    const equals = text.indexOf('=', i);
    if (equals < 0) break;
    const key = text.slice(i, equals);
    let value: string;
    if (text[equals + 1] === '"') {
      const close = text.indexOf('"', equals + 2);
      const end = close < 0 ? text.length : close;
      value = text.slice(equals + 2, end);
      i = end + 1;
    } else {
      const space = text.indexOf(' ', equals + 1);
      const end = space < 0 ? text.length : space;
      value = text.slice(equals + 1, end);
      i = end;
    }
    if (key !== '' && !key.includes(' ')) setOwnField(pairs, key, value);
  }
  return pairs;
}

function port(value: string | undefined): number | undefined {
  return value !== undefined && /^\d{1,5}$/.test(value) && Number(value) <= 65535 ? Number(value) : undefined;
}
function count(value: string | undefined): number | undefined {
  return value !== undefined && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}
function ip(value: string | undefined): string | undefined {
  return value !== undefined && isIP(value) ? value : undefined;
}

/** FortiGate `eventtime` is epoch seconds, milli-, micro- or nanoseconds depending on the release. */
function eventTime(pairs: Record<string, string>): number | undefined {
  const raw = pairs.eventtime;
  if (raw !== undefined && /^\d{10,19}$/.test(raw)) return Number(raw.slice(0, 13).padEnd(13, '0'));
  if (pairs.date !== undefined && pairs.time !== undefined) {
    const zone = pairs.tz !== undefined && /^[+-]\d{4}$/.test(pairs.tz) ? pairs.tz : 'Z';
    return scanIsoTimestamp(`${pairs.date}T${pairs.time}${zone}`, 0)?.millis;
  }
  return undefined;
}

/** FortiGate-style key=value lines, bare or after a `<PRI>`. */
export function parseKv(line: string, context: ParseContext): ParseResult {
  const pri = scanPriority(line);
  const pairs = scanKeyValues(line, pri?.end ?? 0);
  if (Object.keys(pairs).length < 2) return 'fewer than two key=value pairs';
  const action = pairs.action?.toLowerCase();
  const verdict = action === undefined ? undefined : ALLOWED.has(action) ? 'allowed' : DENIED.has(action) ? 'denied' : undefined;
  const millis = eventTime(pairs);
  const event: ParsedEvent = {
    '@timestamp': new Date(millis ?? context.receivedAt.getTime()).toISOString(),
    event: { kind: 'event', module: pairs.devname !== undefined || pairs.logid !== undefined ? 'fortinet' : 'kv', dataset: pairs.devname !== undefined || pairs.logid !== undefined ? 'fortinet.firewall' : 'kv' },
  };
  const traffic = pairs.type === 'traffic' || (pairs.srcip !== undefined && pairs.dstip !== undefined);
  mergeFields(event, {
    event: {
      code: pairs.logid, action: pairs.action,
      category: traffic ? ['network'] : undefined,
      type: traffic ? (verdict === undefined ? ['connection'] : ['connection', verdict]) : undefined,
      outcome: verdict === undefined ? undefined : verdict === 'allowed' ? 'success' : 'failure',
    },
    log: { level: pairs.level, syslog: pri === undefined ? undefined : syslogPriority(pri.priority) },
    observer: {
      name: pairs.devname, serial_number: pairs.devid, vendor: pairs.devname !== undefined ? 'Fortinet' : undefined,
      ingress: { interface: { name: pairs.srcintf } }, egress: { interface: { name: pairs.dstintf } },
    },
    source: { ip: ip(pairs.srcip ?? pairs.src), port: port(pairs.srcport ?? pairs.spt), bytes: count(pairs.sentbyte), packets: count(pairs.sentpkt), user: pairs.srcuser === undefined ? undefined : { name: pairs.srcuser } },
    destination: { ip: ip(pairs.dstip ?? pairs.dst), port: port(pairs.dstport ?? pairs.dpt), bytes: count(pairs.rcvdbyte), packets: count(pairs.rcvdpkt) },
    network: pairs.proto === undefined ? undefined : ianaProtocol(pairs.proto),
    user: { name: pairs.user ?? pairs.srcuser },
    rule: { id: pairs.policyid, name: pairs.policyname },
    url: { domain: pairs.hostname, original: pairs.url },
    message: pairs.msg,
    kv: pairs,
  });
  return event;
}

export const kvParser = defineParser('kv', parseKv);
