import { isIP } from 'node:net';
import { defineParser, type ParseResult } from './define-parser.js';
import { mergeFields } from './messages/merge-fields.js';
import type { ParsedEvent } from './parser.js';
import { urlParts } from './url-parts.js';

// Squid's native access.log (logformat squid): time.ms elapsed client code/status bytes method URL user hierarchy/peer type.
const SQUID = /^(\d{9,11})\.(\d{3}) +(\d+) (\S+) ([A-Z_]+)\/(\d{3}) (\d+) (\S+) (\S+) (\S+) ([A-Z_]+)\/(\S+) (\S+)/;

function present(value: string): string | undefined {
  return value === '-' ? undefined : value;
}

/** `host:port` of a CONNECT request. */
function tunnelTarget(target: string): { original: string; domain: string; port?: number } {
  const colon = target.lastIndexOf(':');
  return colon > 0 ? { original: target, domain: target.slice(0, colon), port: Number(target.slice(colon + 1)) || undefined } : { original: target, domain: target };
}

/** Squid native access log lines, mapped as Elastic's squid integration maps them (plus the HTTP fields Lagebild's rules read). */
export function parseSquid(line: string): ParseResult {
  const match = SQUID.exec(line);
  if (!match) return 'not a Squid native access log line';
  const [, seconds, millis, elapsed, client, code, status, bytes, method, target, user, hierarchy, peer, mime] = match as unknown as string[];
  const denied = code!.includes('DENIED');
  const statusCode = Number(status);
  const url = method === 'CONNECT' ? tunnelTarget(target!) : urlParts(target!) ?? { original: target };
  const peerHost = present(peer!);
  // Without a peer (a cache hit, a denial) the destination is the host the client asked for.
  const destination = peerHost ?? (typeof url.domain === 'string' ? url.domain : undefined);
  const sourceIp = isIP(client!) ? client : undefined;
  const destinationIp = destination !== undefined && isIP(destination) ? destination : undefined;
  const userName = present(user!);
  const event: ParsedEvent = {
    '@timestamp': new Date(Number(seconds) * 1000 + Number(millis)).toISOString(),
    event: {
      kind: 'event', module: 'squid', dataset: 'squid.access', category: ['web', 'network'], type: denied ? ['access', 'denied'] : ['access', 'allowed'],
      outcome: statusCode < 400 ? 'success' : 'failure', action: code, duration: Number(elapsed) * 1_000_000,
    },
  };
  const relatedIps = [...new Set([sourceIp, destinationIp].filter((ip) => ip !== undefined))];
  return mergeFields(event, {
    source: { address: client, ip: sourceIp, domain: sourceIp ? undefined : client, user: { name: userName } },
    user: { name: userName },
    http: { request: { method }, response: { status_code: statusCode, bytes: Number(bytes), mime_type: present(mime!) } },
    url,
    destination: { address: destination, ip: destinationIp, domain: peerHost !== undefined && !isIP(peerHost) ? peerHost : undefined, bytes: Number(bytes) },
    observer: { vendor: 'Squid', product: 'Squid', type: 'proxy' },
    related: { ip: relatedIps.length === 0 ? undefined : relatedIps, user: userName === undefined ? undefined : [userName], hosts: method !== 'CONNECT' && typeof url.domain === 'string' ? [url.domain] : undefined },
    squid: { result_code: code, status_code: statusCode, peer_status: hierarchy, content_type: present(mime!) },
  });
}

export const squidParser = defineParser('squid', parseSquid);
