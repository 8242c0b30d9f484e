import { isIP } from 'node:net';
import type { MessageEnricher } from './message-enricher.js';

// BIND 9 query logging (category "queries"): "client @0x7f3a2c0 198.51.100.7#53211 (example.org): query: example.org IN A +E(0)K (192.0.2.53)".
// Older releases omit the "@0x..." handle and the "(name)"; the category prefix "queries: info: " is optional.
const QUERY = /^(?:queries: \w+: )?client (?:@0x[0-9a-f]+ )?([0-9a-fA-F.:]+)#(\d+)(?: \([^)]*\))?: (?:view \S+: )?query: (\S+) (\S+) (\S+) (\S*)(?: \(([0-9a-fA-F.:]+)\))?/;

export const namedMessage: MessageEnricher = (message) => {
  const match = QUERY.exec(message);
  if (!match) return undefined;
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
