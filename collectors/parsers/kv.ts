import { defineParser, type ParseResult } from './define-parser.js';
import { parseFortigate } from './fortigate.js';
import { isFortigatePairs } from './fortinet/fortigate-record.js';
import { fortigateLocalTime, fortigateTimezone } from './fortinet/fortigate-time.js';
import { ianaProtocol } from './iana-protocol.js';
import { countValue, ipValue, portValue } from './kv-values.js';
import { mergeFields } from './messages/merge-fields.js';
import type { ParseContext, ParsedEvent } from './parser.js';
import { scanPriority, syslogPriority } from './syslog/syslog-priority.js';
import { scanKeyValues } from './scan-key-values.js';
import { parseSophosUtm } from './sophos-utm.js';
import { parseSophosXg } from './sophos-xg.js';

// Generic key=value appliance logs. Field names are the common ones (srcip/src, dstport/dpt, action...).
const ALLOWED = new Set(['accept', 'allow', 'allowed', 'pass', 'passthrough', 'close', 'timeout', 'server-rst', 'client-rst', 'start']);
const SOPHOS_DEVICE = /device(?:_name)?="SFW"/;
const SOPHOS_UTM = /^(?:<\d{1,3}>)?\d{4}:\d{2}:\d{2}-\d{2}:\d{2}:\d{2} /;
const DENIED = new Set(['deny', 'denied', 'drop', 'dropped', 'block', 'blocked', 'reject']);

/**
 * key=value lines, bare or after a `<PRI>`. FortiGate lines (recognised by their log id or device
 * keys), Sophos Firewall lines (`device="SFW"`) and Sophos UTM lines (`YYYY:MM:DD-hh:mm:ss` header)
 * get their dedicated mappings, so sources configured with `kv` keep working.
 */
export function parseKv(line: string, context: ParseContext): ParseResult {
  // Sophos leaves values with spaces unquoted and puts its own header first, which the generic
  // scan below cannot read: such lines go to sophos-xg or sophos-utm first.
  const head = line.slice(0, 512);
  const sophos = SOPHOS_DEVICE.test(head) ? parseSophosXg(line, context) : SOPHOS_UTM.test(head) ? parseSophosUtm(line, context) : undefined;
  if (sophos !== undefined && typeof sophos !== 'string') return sophos;
  const pri = scanPriority(line);
  const pairs = scanKeyValues(line, pri?.end ?? 0);
  if (Object.keys(pairs).length < 2) return 'fewer than two key=value pairs';
  if (isFortigatePairs(pairs)) return parseFortigate(line, context);

  const action = pairs.action?.toLowerCase();
  const verdict = action === undefined ? undefined : ALLOWED.has(action) ? 'allowed' : DENIED.has(action) ? 'denied' : undefined;
  const event: ParsedEvent = {
    // Appliances that copied FortiOS's `date= time= tz=` header are read the same way.
    '@timestamp': new Date(fortigateLocalTime(pairs.date, pairs.time, fortigateTimezone(pairs.tz), context.timeZone) ?? context.receivedAt.getTime()).toISOString(),
    event: { kind: 'event', module: 'kv', dataset: 'kv' },
  };
  const traffic = pairs.srcip !== undefined && pairs.dstip !== undefined || pairs.src !== undefined && pairs.dst !== undefined;
  mergeFields(event, {
    event: {
      action: pairs.action,
      category: traffic ? ['network'] : undefined,
      type: traffic ? (verdict === undefined ? ['connection'] : ['connection', verdict]) : undefined,
      outcome: verdict === undefined ? undefined : verdict === 'allowed' ? 'success' : 'failure',
    },
    log: { level: pairs.level, syslog: pri === undefined ? undefined : syslogPriority(pri.priority) },
    source: { ip: ipValue(pairs.srcip ?? pairs.src), port: portValue(pairs.srcport ?? pairs.spt), bytes: countValue(pairs.sentbyte), packets: countValue(pairs.sentpkt) },
    destination: { ip: ipValue(pairs.dstip ?? pairs.dst), port: portValue(pairs.dstport ?? pairs.dpt), bytes: countValue(pairs.rcvdbyte), packets: countValue(pairs.rcvdpkt) },
    network: pairs.proto === undefined ? undefined : ianaProtocol(pairs.proto),
    user: { name: pairs.user ?? pairs.srcuser },
    url: { domain: pairs.hostname, original: pairs.url },
    message: pairs.msg,
    kv: pairs,
  });
  return event;
}

export const kvParser = defineParser('kv', parseKv);
