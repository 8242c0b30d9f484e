import { scanBsdHeader } from '../rfc3164.js';
import type { SyslogPriority } from '../syslog/syslog-priority.js';
import { scanSophosPairs } from './sophos-pairs.js';

/** A Sophos Firewall (XG / SFOS) log line: its pairs and what a syslog header in front said. */
export interface XgRecord {
  pairs: Record<string, string>;
  priority?: SyslogPriority;
  hostname?: string;
  headerMillis?: number;
}

// SFOS names itself in every log: `device="SFW"` up to v18, `device_name="SFW"` from v19 on; a
// twelve-digit `log_id` and a `log_type` follow (Sophos Firewall syslog guide, "Log header").
const LOG_ID = /^\d{12}$/;

export function isSophosXgPairs(pairs: Record<string, string>): boolean {
  return (pairs.device === 'SFW' || pairs.device_name === 'SFW') && pairs.log_type !== undefined && LOG_ID.test(pairs.log_id ?? '');
}

/** Reads the pairs behind an optional `<PRI>` or RFC 3164 header (SFOS 19+ sends `Mmm dd hh:mm:ss host`). */
export function readXgRecord(line: string, receivedAt: Date): XgRecord | string {
  const header = scanBsdHeader(line, receivedAt) ?? { end: 0 };
  const pairs = scanSophosPairs(line, header.end);
  if (!isSophosXgPairs(pairs)) return 'no Sophos Firewall header (device "SFW", twelve-digit log_id, log_type)';
  const record: XgRecord = { pairs };
  if (header.priority !== undefined) record.priority = header.priority;
  if (header.hostname !== undefined) record.hostname = header.hostname;
  if (header.millis !== undefined) record.headerMillis = header.millis;
  return record;
}
