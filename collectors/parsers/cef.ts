import { isIP } from 'node:net';
import { defineParser, type ParseResult } from './define-parser.js';
import { ianaProtocol } from './iana-protocol.js';
import { mergeFields } from './messages/merge-fields.js';
import type { ParseContext, ParsedEvent } from './parser.js';
import { scanBsdHeader } from './rfc3164.js';
import { scanIsoTimestamp } from './syslog/iso-timestamp.js';
import { setOwnField } from './set-own-field.js';

// ArcSight "Implementing ArcSight CEF" rev. 25: seven pipe-separated header fields (`\|` and `\\`
// escaped), then space-separated key=value extensions (`\=`, `\\`, `\n`, `\r` escaped in values).
const EXTENSION_KEY = /(?:^| )([A-Za-z0-9_.[\]-]{1,64})=/g;
const SEVERITY_WORDS: Record<string, number> = { low: 3, medium: 6, high: 8, 'very-high': 10 };

function splitHeader(text: string): { fields: string[]; rest: string } | undefined {
  const fields: string[] = [];
  let current = '';
  let i = 0;
  while (fields.length < 7) {
    if (i >= text.length) return undefined;
    const char = text[i]!;
    if (char === '\\' && (text[i + 1] === '|' || text[i + 1] === '\\')) {
      current += text[i + 1];
      i += 2;
    } else if (char === '|') {
      fields.push(current);
      current = '';
      i++;
    } else {
      current += char;
      i++;
    }
  }
  return { fields, rest: text.slice(i) };
}

function unescapeValue(value: string): string {
  return value.replace(/\\([=\\nr])/g, (_, char: string) => (char === 'n' ? '\n' : char === 'r' ? '\r' : char)).trimEnd();
}

function parseExtensions(text: string): Record<string, string> {
  const extensions: Record<string, string> = {};
  const keys: { key: string; start: number; valueStart: number }[] = [];
  for (const match of text.matchAll(EXTENSION_KEY)) {
    // An escaped "\=" inside a value is not a key boundary.
    if (text[match.index + match[0].length - 2] === '\\') continue;
    keys.push({ key: match[1]!, start: match.index, valueStart: match.index + match[0].length });
  }
  keys.forEach((entry, index) => {
    const end = index + 1 < keys.length ? keys[index + 1]!.start : text.length;
    setOwnField(extensions, entry.key, unescapeValue(text.slice(entry.valueStart, end)));
  });
  return extensions;
}

function port(value: string | undefined): number | undefined {
  return value !== undefined && /^\d{1,5}$/.test(value) && Number(value) <= 65535 ? Number(value) : undefined;
}
function count(value: string | undefined): number | undefined {
  return value !== undefined && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}
function endpoint(ip: string | undefined, host: string | undefined, portText: string | undefined, mac: string | undefined, user: string | undefined): Record<string, unknown> {
  return { ip: ip !== undefined && isIP(ip) ? ip : undefined, domain: host, port: port(portText), mac, user: user === undefined ? undefined : { name: user } };
}

// The specification gives every extension key a full name beside its short one ("sourceAddress" for
// "src"); devices use either. The fields below are read by short name, so full names are copied there.
const FULL_NAMES: Record<string, string> = {
  sourceAddress: 'src', destinationAddress: 'dst', sourcePort: 'spt', destinationPort: 'dpt',
  sourceHostName: 'shost', destinationHostName: 'dhost', sourceMacAddress: 'smac', destinationMacAddress: 'dmac',
  sourceUserName: 'suser', destinationUserName: 'duser', deviceAddress: 'dvc', deviceHostName: 'dvchost',
  deviceAction: 'act', message: 'msg', transportProtocol: 'proto', requestUrl: 'request',
  deviceReceiptTime: 'rt', startTime: 'start', endTime: 'end', bytesIn: 'in', bytesOut: 'out',
  fileName: 'fname', fileSize: 'fsize',
};

function withKeyNames(extensions: Record<string, string>): Record<string, string> {
  const byShortName: Record<string, string> = {};
  for (const [key, value] of Object.entries(extensions)) {
    const short = Object.hasOwn(FULL_NAMES, key) ? FULL_NAMES[key]! : key;
    if (!Object.hasOwn(byShortName, short) || short === key) setOwnField(byShortName, short, value);
  }
  return byShortName;
}

/** CEF time: epoch milliseconds or "MMM dd yyyy HH:mm:ss" (optionally with ".SSS" and zone). */
function cefTime(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (/^\d{10,13}$/.test(value)) return new Date(Number(value.length === 10 ? `${value}000` : value)).toISOString();
  const iso = scanIsoTimestamp(value, 0, true);
  if (iso !== undefined) return new Date(iso.millis).toISOString();
  const millis = Date.parse(`${value}${/[+-]\d{2}:?\d{2}$|Z$| [A-Z]{3,4}$/.test(value) ? '' : ' UTC'}`);
  return Number.isNaN(millis) ? undefined : new Date(millis).toISOString();
}

/** ArcSight CEF, bare or inside a syslog header. */
export function parseCef(line: string, context: ParseContext): ParseResult {
  const at = line.indexOf('CEF:');
  if (at < 0) return 'no CEF: marker';
  const header = at > 0 ? scanBsdHeader(line, context.receivedAt) : undefined;
  const split = splitHeader(line.slice(at + 4));
  if (split === undefined) return 'CEF header has fewer than 7 fields';
  const [version, vendor, product, deviceVersion, signatureId, name, severity] = split.fields as [string, string, string, string, string, string, string];
  const extensions = parseExtensions(split.rest);
  const x = withKeyNames(extensions);
  const severityNumber = /^\d{1,2}$/.test(severity) ? Number(severity) : SEVERITY_WORDS[severity.toLowerCase()];
  const outcome = x.outcome?.toLowerCase();
  const event: ParsedEvent = {
    '@timestamp': cefTime(x.rt) ?? (header?.millis === undefined ? context.receivedAt : new Date(header.millis)).toISOString(),
    event: { kind: 'event', module: 'cef', dataset: 'cef.log' },
  };
  mergeFields(event, {
    event: {
      code: signatureId, id: x.eventId, severity: severityNumber, action: x.act, start: cefTime(x.start), end: cefTime(x.end),
      outcome: outcome === 'success' || outcome === 'failure' ? outcome : undefined,
    },
    observer: { vendor, product, version: deviceVersion, hostname: x.dvchost ?? header?.hostname, ip: x.dvc !== undefined && isIP(x.dvc) ? [x.dvc] : undefined },
    source: { ...endpoint(x.src, x.shost, x.spt, x.smac, x.suser), bytes: count(x.in), service: { name: x.sourceServiceName } },
    destination: { ...endpoint(x.dst, x.dhost, x.dpt, x.dmac, x.duser), bytes: count(x.out), service: { name: x.destinationServiceName } },
    user: { name: x.suser ?? x.duser },
    network: x.proto === undefined ? undefined : ianaProtocol(x.proto),
    url: { original: x.request },
    http: { request: { method: x.requestMethod, referrer: x.requestContext } },
    user_agent: { original: x.requestClientApplication },
    file: { name: x.fname, path: x.filePath, size: count(x.fsize) },
    message: x.msg ?? name,
    cef: { version, name, device_event_class_id: signatureId, severity, extensions },
  });
  return event;
}

export const cefParser = defineParser('cef', parseCef);
