import { scanPriority, syslogPriority, type SyslogPriority } from '../syslog/syslog-priority.js';
import type { WallTime } from '../local-time.js';

/** The header Sophos UTM (formerly Astaro) writes: `[<PRI>]YYYY:MM:DD-hh:mm:ss host process[pid]: `. */
export interface UtmHeader {
  priority?: SyslogPriority;
  wall: WallTime;
  hostname?: string;
  process: string;
  pid?: number;
  /** Where the message after `process[pid]: ` starts. */
  end: number;
}

// The host is missing when the UTM logs to a local file rather than over syslog.
const HEADER = /^(\d{4}):(\d{2}):(\d{2})-(\d{2}):(\d{2}):(\d{2}) (?:([^\s]{1,255}) )?([^\s:[\]]{1,64})(?:\[(\d{1,10})\])?: ?/;

export function scanUtmHeader(line: string): UtmHeader | undefined {
  const pri = scanPriority(line);
  const start = pri?.end ?? 0;
  const match = HEADER.exec(line.slice(start, start + 400));
  if (match === null) return undefined;
  const [whole, year, month, day, hour, minute, second, hostname, process, pid] = match;
  return {
    ...(pri === undefined ? {} : { priority: syslogPriority(pri.priority) }),
    wall: { year: Number(year), month: Number(month), day: Number(day), hour: Number(hour), minute: Number(minute), second: Number(second) },
    ...(hostname === undefined ? {} : { hostname }), process: process!, ...(pid === undefined ? {} : { pid: Number(pid) }),
    end: start + whole.length,
  };
}
