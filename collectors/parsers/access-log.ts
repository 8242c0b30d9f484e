import { isIP } from 'node:net';
import { defineParser, type ParseResult } from './define-parser.js';
import { mergeFields } from './messages/merge-fields.js';
import type { ParsedEvent, Parser } from './parser.js';
import { utcMillis } from './syslog/iso-timestamp.js';

// NCSA common / combined log format as Apache (LogFormat "combined") and nginx (log_format combined)
// write it: host ident user [dd/Mon/yyyy:hh:mm:ss +zzzz] "request" status bytes "referer" "user-agent".
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TIME = /^(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;

function accessTime(text: string): number | undefined {
  const match = TIME.exec(text);
  if (!match) return undefined;
  const month = MONTHS.indexOf(match[2]!) + 1;
  if (month === 0) return undefined;
  const millis = utcMillis(Number(match[3]), month, Number(match[1]), Number(match[4]), Number(match[5]), Number(match[6]), 0);
  if (millis === undefined) return undefined;
  const offset = (match[7] === '+' ? 1 : -1) * (Number(match[8]) * 60 + Number(match[9]));
  return millis - offset * 60_000;
}

/** Reads a double-quoted field at `start`; nginx escapes quotes inside as `\x22`, Apache as `\"`. */
function quoted(line: string, start: number): { value: string; end: number } | undefined {
  if (line[start] !== '"') return undefined;
  let i = start + 1;
  while (i < line.length && line[i] !== '"') i += line[i] === '\\' ? 2 : 1;
  if (i >= line.length) return undefined;
  return { value: line.slice(start + 1, i), end: i + 1 };
}

function dash(value: string | undefined): string | undefined {
  return value === undefined || value === '-' || value === '' ? undefined : value;
}

function parseAccessLog(line: string, module: string | undefined): ParseResult {
  const first = line.indexOf(' ');
  const second = line.indexOf(' ', first + 1);
  const bracket = line.indexOf(' [', second);
  const close = line.indexOf('] ', bracket);
  if (first <= 0 || second < 0 || bracket < 0 || close < 0 || close - bracket > 40) return 'not a common/combined access log line';
  const client = line.slice(0, first);
  const user = dash(line.slice(second + 1, bracket));
  const millis = accessTime(line.slice(bracket + 2, close));
  if (millis === undefined) return 'invalid access log time';
  const request = quoted(line, close + 2);
  if (request === undefined) return 'missing quoted request';
  const statusMatch = /^ (\d{3}) (\d+|-)/.exec(line.slice(request.end, request.end + 24));
  if (!statusMatch) return 'missing status and size';
  let i = request.end + statusMatch[0].length;
  const referrer = quoted(line, i + 1);
  if (referrer) i = referrer.end;
  const agent = referrer ? quoted(line, i + 1) : undefined;
  const parts = request.value.split(' ');
  const validRequest = parts.length === 3 && /^[A-Z]{3,12}$/.test(parts[0]!) && parts[2]!.startsWith('HTTP/');
  const target = validRequest ? parts[1]! : undefined;
  const queryAt = target?.indexOf('?') ?? -1;
  const status = Number(statusMatch[1]);
  const event: ParsedEvent = {
    '@timestamp': new Date(millis).toISOString(),
    event: { kind: 'event', category: ['web'], type: ['access'], outcome: status < 400 ? 'success' : 'failure', ...(module === undefined ? {} : { module, dataset: `${module}.access` }) },
  };
  return mergeFields(event, {
    source: isIP(client) ? { ip: client } : { domain: client },
    user: { name: user },
    url: { original: target ?? dash(request.value), path: target === undefined ? undefined : queryAt < 0 ? target : target.slice(0, queryAt), query: target !== undefined && queryAt >= 0 ? target.slice(queryAt + 1) : undefined },
    http: {
      version: validRequest ? parts[2]!.slice(5) : undefined,
      request: { method: validRequest ? parts[0] : undefined, referrer: dash(referrer?.value) },
      response: { status_code: status, body: { bytes: statusMatch[2] === '-' ? 0 : Number(statusMatch[2]) } },
    },
    user_agent: { original: dash(agent?.value) },
  });
}

function accessLogParser(name: string, module: string | undefined): Parser {
  return defineParser(name, (line) => parseAccessLog(line, module));
}

export const combinedAccessLogParser = accessLogParser('access-log', undefined);
export const nginxAccessLogParser = accessLogParser('nginx', 'nginx');
export const apacheAccessLogParser = accessLogParser('apache', 'apache');
