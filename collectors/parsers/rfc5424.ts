import { isoTime } from '../iso-time.js';
import { defineParser, type ParseResult } from './define-parser.js';
import { enrichMessage } from './messages/enrich-message.js';
import type { ParseContext, ParsedEvent } from './parser.js';
import { setOwnField } from './set-own-field.js';
import { scanIsoTimestamp } from './syslog/iso-timestamp.js';
import { scanPriority, syslogPriority } from './syslog/syslog-priority.js';

type StructuredData = Record<string, Record<string, string | string[]>>;

const SPACE = 32;

/** 1 to 10 decimal digits: a PROCID that is a process id rather than a name. */
function isProcessId(procId: string): boolean {
  if (procId.length > 10) return false;
  for (let i = 0; i < procId.length; i++) {
    const code = procId.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return procId.length > 0;
}

/** Index of the next space at or after `from`, or the line length. */
function tokenEnd(line: string, from: number): number {
  const space = line.indexOf(' ', from);
  return space < 0 ? line.length : space;
}

/**
 * Reads STRUCTURED-DATA (RFC 5424 6.3) starting at a `[`: one or more `[SD-ID PARAM="value"...]`
 * elements. Inside values `\"`, `\\` and `\]` are escapes; any other backslash is kept (6.3.3).
 * A parameter repeated within an element becomes an array of its values.
 */
function scanStructuredData(line: string, start: number): { data: StructuredData; end: number } | string {
  const data: StructuredData = {};
  let i = start;
  while (line.charCodeAt(i) === 91 /* [ */) {
    let j = i + 1;
    while (j < line.length && line[j] !== ' ' && line[j] !== ']') j++;
    const id = line.slice(i + 1, j);
    if (id === '' || id.includes('=') || id.includes('"')) return 'malformed SD-ID';
    // Own properties only, so that an SD-ID like "__proto__" stays data.
    const element = Object.hasOwn(data, id) ? data[id]! : {};
    if (!Object.hasOwn(data, id)) setOwnField(data, id, element);
    while (line[j] === ' ') {
      const nameStart = j + 1;
      const equals = line.indexOf('=', nameStart);
      if (equals < 0 || line[equals + 1] !== '"') return 'malformed SD-PARAM';
      const name = line.slice(nameStart, equals);
      if (name === '' || name.includes(' ') || name.includes(']')) return 'malformed SD-PARAM';
      let value = '';
      let k = equals + 2;
      let chunkStart = k;
      for (;;) {
        if (k >= line.length) return 'unterminated SD-PARAM value';
        const code = line.charCodeAt(k);
        if (code === 34 /* " */) break;
        if (code === 92 /* \ */) {
          const next = line[k + 1];
          if (next === '"' || next === '\\' || next === ']') {
            value += line.slice(chunkStart, k) + next;
            k += 2;
            chunkStart = k;
            continue;
          }
        }
        k++;
      }
      value += line.slice(chunkStart, k);
      const previous = Object.hasOwn(element, name) ? element[name] : undefined;
      if (previous === undefined) setOwnField(element, name, value);
      else if (Array.isArray(previous)) previous.push(value);
      else element[name] = [previous, value];
      j = k + 1;
    }
    if (line[j] !== ']') return 'unterminated SD-ELEMENT';
    i = j + 1;
  }
  return { data, end: i };
}

/** Parses one RFC 5424 syslog message: `<PRI>VERSION TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD [MSG]`. */
export function parseRfc5424(line: string, context: ParseContext): ParseResult {
  const pri = scanPriority(line);
  if (pri === undefined) return 'no valid <PRI>';
  let i = pri.end;
  const versionStart = i;
  while (i < versionStart + 2 && line.charCodeAt(i) >= 48 && line.charCodeAt(i) <= 57) i++;
  if (i === versionStart || line.charCodeAt(i) !== SPACE) return 'no VERSION after <PRI>';
  const version = line.slice(versionStart, i);
  i++;

  let millis: number;
  if (line[i] === '-' && (i + 1 === line.length || line.charCodeAt(i + 1) === SPACE)) {
    millis = context.receivedAt.getTime();
    i++;
  } else {
    const time = scanIsoTimestamp(line, i);
    if (time === undefined) return 'invalid TIMESTAMP';
    millis = time.millis;
    i = time.end;
  }
  if (i < line.length && line.charCodeAt(i) !== SPACE) return 'invalid TIMESTAMP';

  // HOSTNAME, APP-NAME, PROCID and MSGID: space-separated, "-" when absent.
  const header: (string | undefined)[] = [];
  for (let field = 0; field < 4; field++) {
    if (i >= line.length) return 'header ends early';
    const end = tokenEnd(line, i + 1);
    const value = line.slice(i + 1, end);
    if (value === '') return 'empty header field';
    header.push(value === '-' ? undefined : value);
    i = end;
  }
  const [hostname, appName, procId, msgId] = header;

  let structuredData: StructuredData | undefined;
  i++;
  if (line[i] === '-') {
    i++;
  } else if (line[i] === '[') {
    const scanned = scanStructuredData(line, i);
    if (typeof scanned === 'string') return scanned;
    structuredData = scanned.data;
    i = scanned.end;
  }
  // Senders that omit STRUCTURED-DATA altogether still have a message worth keeping.
  let message = i < line.length ? line.slice(line.charCodeAt(i) === SPACE ? i + 1 : i) : undefined;
  if (message !== undefined && message.charCodeAt(0) === 0xfeff) message = message.slice(1);

  // Fields are set one by one rather than spread from optional parts: the spreads were most of this function's time.
  const priority = syslogPriority(pri.priority);
  const syslog: Record<string, unknown> = { priority: priority.priority, facility: priority.facility, severity: priority.severity, version };
  if (hostname !== undefined) syslog.hostname = hostname;
  if (appName !== undefined) syslog.appname = appName;
  if (procId !== undefined) syslog.procid = procId;
  if (msgId !== undefined) syslog.msgid = msgId;
  if (structuredData !== undefined) syslog.structured_data = structuredData;
  const event: ParsedEvent = { '@timestamp': isoTime(millis), event: { kind: 'event', module: 'syslog', dataset: 'syslog' }, log: { syslog } };
  if (hostname !== undefined) event.host = { hostname, name: hostname };
  if (appName !== undefined || procId !== undefined) {
    const processFields: Record<string, unknown> = {};
    if (appName !== undefined) processFields.name = appName;
    if (procId !== undefined && isProcessId(procId)) processFields.pid = Number(procId);
    event.process = processFields;
  }
  if (message !== undefined && message !== '') event.message = message;
  enrichMessage(event);
  return event;
}

export const rfc5424Parser = defineParser('rfc5424', parseRfc5424);
