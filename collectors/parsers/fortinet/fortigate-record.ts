import { scanBsdHeader } from '../rfc3164.js';
import { isRfc5424 } from '../syslog/is-rfc5424.js';
import { scanKeyValues } from '../scan-key-values.js';
import { scanIsoTimestamp } from '../syslog/iso-timestamp.js';
import { setOwnField } from '../set-own-field.js';
import { scanPriority, syslogPriority, type SyslogPriority } from '../syslog/syslog-priority.js';

/** A FortiGate log line: its key=value pairs and what a syslog header in front of them said. */
export interface FortigateRecord {
  pairs: Record<string, string>;
  priority?: SyslogPriority;
  hostname?: string;
  headerMillis?: number;
}

// Keys FortiOS writes into every log (FortiOS log reference, "log header"): a line with them is FortiGate's.
const LOG_ID = /^\d{10}$/;

export function isFortigatePairs(pairs: Record<string, string>): boolean {
  const logId = pairs.logid ?? pairs.log_id;
  return (logId !== undefined && LOG_ID.test(logId)) || (pairs.devid !== undefined && pairs.devname !== undefined);
}

/** Skips `TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD` of an RFC 5424 header (FortiOS `format rfc5424`). */
function scanRfc5424Header(line: string, priorityEnd: number): { hostname?: string; millis?: number; end: number } {
  let i = line.indexOf(' ', priorityEnd) + 1;
  const time = scanIsoTimestamp(line, i);
  const fields: string[] = [];
  for (let field = 0; field < 5 && i > 0; field++) {
    const end = line.indexOf(' ', i);
    fields.push(line.slice(i, end < 0 ? line.length : end));
    i = end < 0 ? line.length : end + 1;
  }
  if (line[i] === '[') {
    const close = line.indexOf('] ', i);
    i = close < 0 ? line.length : close + 2;
  } else if (line.startsWith('- ', i)) {
    i += 2;
  }
  const hostname = fields[1] === undefined || fields[1] === '-' ? undefined : fields[1];
  return { ...(hostname === undefined ? {} : { hostname }), ...(time === undefined ? {} : { millis: time.millis }), end: i };
}

/**
 * Reads the pairs behind an optional syslog header: bare (`<PRI>` or nothing, as FortiGate sends by
 * default), RFC 3164 as relays write it, or RFC 5424. Keys that are not words and the value `N/A`
 * are dropped, as Elastic's pipeline drops them: FortiOS writes `N/A` for "no value".
 */
export function readFortigateRecord(line: string, receivedAt: Date): FortigateRecord | string {
  const pri = scanPriority(line);
  const header = pri !== undefined && isRfc5424(line) ? scanRfc5424Header(line, pri.end) : scanBsdHeader(line, receivedAt) ?? { end: 0 };
  const scanned = scanKeyValues(line, header.end);
  const pairs: Record<string, string> = {};
  for (const [key, value] of Object.entries(scanned)) {
    if (/^\w{1,64}$/.test(key) && value !== 'N/A') setOwnField(pairs, key, value);
  }
  if (!isFortigatePairs(pairs)) return 'no FortiGate log id (logid) or device (devname, devid)';
  const record: FortigateRecord = { pairs };
  if (pri !== undefined) record.priority = syslogPriority(pri.priority);
  if (header.hostname !== undefined) record.hostname = header.hostname;
  if (header.millis !== undefined) record.headerMillis = header.millis;
  return record;
}
