import { defineParser, type ParseResult } from './define-parser.js';
import { enrichMessage } from './messages/enrich-message.js';
import type { ParseContext, ParsedEvent } from './parser.js';
import { scanBsdTimestamp } from './syslog/bsd-timestamp.js';
import { scanIsoTimestamp } from './syslog/iso-timestamp.js';
import { scanPriority, syslogPriority, type SyslogPriority } from './syslog/syslog-priority.js';

/** What precedes the message of a BSD syslog line; other parsers use it to read their own syslog wrapping. */
export interface BsdHeader {
  priority?: SyslogPriority;
  millis?: number;
  hostname?: string;
  /** Index where the part after the header (the tag, or the payload) starts. */
  end: number;
}

// A tag is a program name, optionally with "[pid]", followed by a colon (RFC 3164 5.3 and practice:
// "sshd[812]:", "postfix/smtpd[77]:", "CRON[9]:", "kernel:"). Bounded to keep hostile lines cheap.
const TAG = /^([^\s:[\]]{1,64})(?:\[([^\]\s]{0,32})\])?: ?/;

/** A token that is a tag rather than a host: the host is missing, as in lines written through /dev/log. */
function isTag(token: string): boolean {
  return token.endsWith(':') || token.endsWith(']:');
}

/**
 * Reads `[<PRI>][TIMESTAMP ][HOSTNAME ]` where TIMESTAMP is `Mmm dd hh:mm:ss` (with variants) or
 * RFC 3339 (rsyslog's RSYSLOG_ForwardFormat and file templates). Undefined if neither a PRI nor a
 * timestamp is found: such a line is not syslog.
 */
export function scanBsdHeader(line: string, receivedAt: Date): BsdHeader | undefined {
  const pri = scanPriority(line);
  let i = pri?.end ?? 0;
  while (line[i] === ' ') i++;
  const time = scanBsdTimestamp(line, i, receivedAt) ?? scanIsoTimestamp(line, i, true);
  if (pri === undefined && time === undefined) return undefined;
  const header: BsdHeader = { end: i };
  if (pri !== undefined) header.priority = syslogPriority(pri.priority);
  if (time !== undefined) {
    header.millis = time.millis;
    i = time.end;
    // Some devices add a colon after the time ("Mar 14 12:00:00: %SYS-5-CONFIG_I") or a year after it.
    if (line[i] === ':') i++;
    while (line[i] === ' ') i++;
    const end = line.indexOf(' ', i);
    const token = end < 0 ? '' : line.slice(i, end);
    if (token !== '' && !isTag(token) && !token.includes('=') && !token.startsWith('CEF:')) {
      header.hostname = token;
      i = end + 1;
    }
  }
  header.end = i;
  return header;
}

/** Parses a BSD syslog line (RFC 3164 and the variants seen in practice): header, tag[pid]:, message. */
export function parseRfc3164(line: string, context: ParseContext): ParseResult {
  const header = scanBsdHeader(line, context.receivedAt);
  if (header === undefined) return 'no syslog header (neither <PRI> nor timestamp)';
  let rest = line.slice(header.end);
  const tag = TAG.exec(rest);
  let program: string | undefined;
  let pid: string | undefined;
  if (tag) {
    program = tag[1];
    pid = tag[2];
    rest = rest.slice(tag[0].length);
  } else if (rest.startsWith(': ')) {
    // Cisco ASA separates host and message with " : ".
    rest = rest.slice(2);
  }
  const event: ParsedEvent = {
    '@timestamp': new Date(header.millis ?? context.receivedAt.getTime()).toISOString(),
    event: { kind: 'event', module: 'syslog', dataset: 'syslog' },
  };
  if (header.priority !== undefined) event.log = { syslog: { ...header.priority } };
  if (header.hostname !== undefined) event.host = { hostname: header.hostname, name: header.hostname };
  if (program !== undefined) {
    event.process = { name: program, ...(pid !== undefined && /^\d{1,10}$/.test(pid) ? { pid: Number(pid) } : {}) };
  }
  if (rest !== '') event.message = rest;
  enrichMessage(event);
  return event;
}

export const rfc3164Parser = defineParser('rfc3164', parseRfc3164);
