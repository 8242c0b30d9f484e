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

/** "host", "1.2.3.4" or "host:80" as ECS endpoint fields. */
function endpoint(text: string): Record<string, unknown> {
  const port = /^([^:]+):(\d{1,5})$/.exec(text);
  const host = port ? port[1]! : text;
  return { ...(isIP(host) ? { ip: host } : { domain: host }), port: port ? Number(port[2]) : undefined };
}

/**
 * What precedes "ident user [": the client address, or — in the vhost formats nginx and Apache users
 * configure ("$host $remote_addr …", "%v:%p %h …", "$host $http_x_forwarded_for …") — a virtual host
 * first, then one or more comma- or space-separated, sometimes quoted, addresses. The first address
 * is the client a proxy chain reports; the virtual host is the server that was asked.
 */
function clientPart(text: string): { source?: Record<string, unknown>; destination?: Record<string, unknown> } {
  const tokens = text.split(' ');
  const hasHost = tokens.length > 1 && !tokens[0]!.endsWith(',') && !tokens[0]!.startsWith('"');
  const addresses = (hasHost ? tokens.slice(1) : tokens).join(' ').split(/[\s,"]+/).filter((token) => token !== '');
  const client = addresses[0];
  return {
    // nginx writes "unix:" as the address of a client on a Unix socket.
    source: client === undefined || client === 'unix:' ? undefined : isIP(client) ? { ip: client } : { domain: client },
    destination: hasHost ? endpoint(tokens[0]!) : undefined,
  };
}

function parseAccessLog(line: string, module: string | undefined): ParseResult {
  const bracket = line.indexOf(' [');
  const close = line.indexOf('] ', bracket);
  // Read from the bracket leftwards: "%u" and "%l" are single tokens, the client part may have several.
  const userAt = line.lastIndexOf(' ', bracket - 1);
  const identAt = userAt > 0 ? line.lastIndexOf(' ', userAt - 1) : -1;
  if (identAt <= 0 || close < 0 || close - bracket > 40) return 'not a common/combined access log line';
  const user = dash(line.slice(userAt + 1, bracket));
  const millis = accessTime(line.slice(bracket + 2, close));
  if (millis === undefined) return 'invalid access log time';
  const request = quoted(line, close + 2);
  if (request === undefined) return 'missing quoted request';
  // A number after the size is a custom field some formats add (e.g. %D, the time taken); skipped.
  const statusMatch = /^ (\d{3}) (\d+|-)(?: \d+(?= |$))?/.exec(line.slice(request.end, request.end + 40));
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
    ...clientPart(line.slice(0, identAt)),
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
