import { isIP } from 'node:net';
import { scanBindTime } from './bind-time.js';
import type { MessageEnricher } from './message-enricher.js';

// BIND 9 query logging (category "queries"): "client @0x7f3a2c0 198.51.100.7#53211 (example.org): query: example.org IN A +E(0)K (192.0.2.53)".
// Older releases omit the "@0x..." handle and the "(name)"; the category prefix is optional, "queries: " with
// print-category alone, "queries: info: " with print-severity too.
const QUERY = /^(?:queries: (?:\w+: )?)?client (?:@0x[0-9a-f]+ )?([0-9a-fA-F.:]+)#(\d+)(?: \([^)]*\))?: (?:view \S+: )?query: (\S+) (\S+) (\S+) (\S*)(?: \(([0-9a-fA-F.:]+)\))?/;

// Infoblox NIOS's named logs answers (its "infoblox-responses" category) with named's own time stamp inside
// the syslog message: "07-Apr-2022 08:08:10.043 client 192.0.2.1#57398 UDP: query: a1.example IN A
// response: NOERROR +ED a1.example 28800 IN A 192.0.2.3;" (answers after the flags are not read).
const RESPONSE = /^(?:infoblox-responses: )?client ([0-9a-fA-F.:]+)#(\d+):? (?:view [^:]+: )?(UDP|TCP): query: (\S+) (\S+) (\S+) response: ([A-Z]+) (\S+)/;

function responseMessage(message: string): Record<string, unknown> | undefined {
  const prefix = /^infoblox-responses: /.exec(message)?.[0].length ?? 0;
  const time = scanBindTime(message.slice(prefix));
  const match = RESPONSE.exec(time === undefined ? message : message.slice(prefix + time.length));
  if (!match) return undefined;
  return {
    '@timestamp': time?.millis === undefined ? undefined : new Date(time.millis).toISOString(),
    event: { module: 'bind', dataset: 'bind.query', category: ['network'], type: ['protocol', 'info'], action: 'dns_response' },
    source: { ip: match[1], port: Number(match[2]) },
    network: { protocol: 'dns', transport: match[3]!.toLowerCase() },
    dns: { type: 'answer', response_code: match[7], question: { name: match[4], class: match[5], type: match[6] } },
    bind: { query: { flags: match[8] } },
  };
}

export const namedMessage: MessageEnricher = (message) => {
  const match = QUERY.exec(message);
  if (!match) return responseMessage(message);
  const server = match[7];
  return {
    event: { module: 'bind', dataset: 'bind.query', category: ['network'], type: ['protocol', 'info'], action: 'dns_query' },
    source: { ip: match[1], port: Number(match[2]) },
    destination: server !== undefined && isIP(server) ? { ip: server } : undefined,
    network: { protocol: 'dns', transport: match[6]!.includes('T') ? 'tcp' : 'udp' },
    dns: { type: 'query', question: { name: match[3], class: match[4], type: match[5] } },
    bind: { query: { flags: match[6] } },
  };
};
