import { defineParser, type ParseResult } from './define-parser.js';
import { mergeFields } from './messages/merge-fields.js';
import { scanBindTime } from './messages/bind-time.js';
import { namedMessage } from './messages/named-message.js';
import type { ParseContext, ParsedEvent } from './parser.js';
import { parseRfc3164 } from './rfc3164.js';

/** BIND query log lines, from BIND's log file or through syslog (program "named"). */
export function parseBind(line: string, context: ParseContext): ParseResult {
  // BIND's own log file channel with print-time.
  const time = scanBindTime(line);
  if (time) {
    const fields = namedMessage(line.slice(time.length));
    if (fields === undefined) return 'not a BIND query log line';
    const event: ParsedEvent = { '@timestamp': new Date(time.millis ?? context.receivedAt.getTime()).toISOString(), event: { kind: 'event' } };
    return mergeFields(event, fields);
  }
  const syslog = parseRfc3164(line, context);
  if (typeof syslog === 'string') return syslog;
  return syslog.event.module === 'bind' ? syslog : 'not a BIND query log line';
}

export const bindParser = defineParser('bind', parseBind);
