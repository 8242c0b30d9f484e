import { defineParser, type ParseResult } from './define-parser.js';
import { mergeFields } from './messages/merge-fields.js';
import { namedMessage } from './messages/named-message.js';
import type { ParseContext, ParsedEvent } from './parser.js';
import { parseRfc3164 } from './rfc3164.js';
import { utcMillis } from './syslog/iso-timestamp.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// BIND's own log file channel with print-time: "14-Mar-2025 11:59:00.123 ".
const FILE_TIME = /^(\d{2})-([A-Z][a-z]{2})-(\d{4}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}))? /;

/** BIND query log lines, from BIND's log file or through syslog (program "named"). */
export function parseBind(line: string, context: ParseContext): ParseResult {
  const time = FILE_TIME.exec(line);
  if (time) {
    const fields = namedMessage(line.slice(time[0].length));
    if (fields === undefined) return 'not a BIND query log line';
    const millis = utcMillis(Number(time[3]), MONTHS.indexOf(time[2]!) + 1, Number(time[1]), Number(time[4]), Number(time[5]), Number(time[6]), Number(time[7] ?? 0));
    const event: ParsedEvent = { '@timestamp': new Date(millis ?? context.receivedAt.getTime()).toISOString(), event: { kind: 'event' } };
    return mergeFields(event, fields);
  }
  const syslog = parseRfc3164(line, context);
  if (typeof syslog === 'string') return syslog;
  return syslog.event.module === 'bind' ? syslog : 'not a BIND query log line';
}

export const bindParser = defineParser('bind', parseBind);
