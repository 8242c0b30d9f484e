import { isIP } from 'node:net';
import { defineParser, type ParseResult } from './define-parser.js';
import { mergeFields } from './messages/merge-fields.js';
import type { ParsedEvent } from './parser.js';

// Squid's native access.log (logformat squid): time.ms elapsed client code/status bytes method URL user hierarchy/peer type.
const SQUID = /^(\d{9,11})\.(\d{3}) +(\d+) (\S+) ([A-Z_]+)\/(\d{3}) (\d+) (\S+) (\S+) (\S+) ([A-Z_]+)\/(\S+) (\S+)/;

export function parseSquid(line: string): ParseResult {
  const match = SQUID.exec(line);
  if (!match) return 'not a Squid native access log line';
  const [, seconds, millis, elapsed, client, code, status, bytes, method, url, user, hierarchy, peer, mime] = match as unknown as string[];
  const denied = code!.includes('DENIED');
  const isConnect = method === 'CONNECT';
  const colon = url!.lastIndexOf(':');
  const event: ParsedEvent = {
    '@timestamp': new Date(Number(seconds) * 1000 + Number(millis)).toISOString(),
    event: {
      kind: 'event', module: 'squid', dataset: 'squid.access', category: ['web', 'network'], type: denied ? ['access', 'denied'] : ['access', 'allowed'],
      outcome: denied ? 'failure' : 'success', action: code, duration: Number(elapsed) * 1_000_000,
    },
  };
  let path: string | undefined;
  let domain: string | undefined;
  try {
    if (!isConnect && url!.includes('://')) {
      const parsed = new URL(url!);
      path = parsed.pathname;
      domain = parsed.hostname;
    }
  } catch {
    path = undefined;
  }
  return mergeFields(event, {
    source: { ip: isIP(client!) ? client : undefined, domain: isIP(client!) ? undefined : client },
    user: { name: user === '-' ? undefined : user },
    http: { request: { method }, response: { status_code: Number(status), bytes: Number(bytes), mime_type: mime === '-' ? undefined : mime } },
    url: isConnect ? { original: url, domain: colon > 0 ? url!.slice(0, colon) : url, port: colon > 0 ? Number(url!.slice(colon + 1)) || undefined : undefined } : { original: url, domain, path },
    destination: { ip: isIP(peer!) ? peer : undefined, domain: peer !== '-' && !isIP(peer!) ? peer : undefined },
    squid: { hierarchy_code: hierarchy },
  });
}

export const squidParser = defineParser('squid', parseSquid);
