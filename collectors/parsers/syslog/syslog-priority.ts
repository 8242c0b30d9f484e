// Facility and severity codes and keywords from RFC 5424 section 6.2.1 (tables 1 and 2).
const FACILITIES = [
  'kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp',
  'ntp', 'security', 'console', 'solaris-cron', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5',
  'local6', 'local7',
] as const;
const SEVERITIES = ['Emergency', 'Alert', 'Critical', 'Error', 'Warning', 'Notice', 'Informational', 'Debug'] as const;

export interface SyslogPriority {
  priority: number;
  facility: { code: number; name: string };
  severity: { code: number; name: string };
}

export function syslogPriority(priority: number): SyslogPriority {
  const facility = priority >> 3;
  const severity = priority & 7;
  return {
    priority,
    facility: { code: facility, name: FACILITIES[facility] ?? String(facility) },
    severity: { code: severity, name: SEVERITIES[severity]! },
  };
}

/**
 * Scans `<PRI>` at the start of a line: 1 to 3 digits, value 0..191 (RFC 5424 6.2.1).
 * Returns the priority and the index after `>`, or undefined when the line has no valid PRI.
 */
export function scanPriority(line: string): { priority: number; end: number } | undefined {
  if (line.charCodeAt(0) !== 60 /* < */) return undefined;
  let value = 0;
  let i = 1;
  for (; i < 5 && i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code === 62 /* > */) break;
    if (code < 48 || code > 57) return undefined;
    value = value * 10 + (code - 48);
  }
  if (i === 1 || i > 4 || line.charCodeAt(i) !== 62 || value > 191) return undefined;
  return { priority: value, end: i + 1 };
}
