import type { Organisation } from '../../core/domain/organisation.js';
import { NetworkTrie } from './network-trie.js';

export interface Attribution { organizationId: string; organizationName: string }
export type NetworkDirection = 'inbound' | 'outbound' | 'internal' | 'external';

export interface Attributor {
  /** The organisation whose network holds the event's source, else destination, else host, else sending peer. */
  attribute(event: unknown): Attribution | null;
  /** ECS `network.direction` seen from the constituency: inside means inside any organisation's network. */
  direction(sourceIp: string | undefined, destinationIp: string | undefined): NetworkDirection | undefined;
  /** The organisation with this id (a source token names it), if it is in the registry. */
  byId(organizationId: string): Attribution | undefined;
}

function field(event: unknown, ...path: string[]): unknown {
  let node = event;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** The organisation of the first address in `value` (one address or a list) that lies in a known network. */
function firstMatch(trie: NetworkTrie<Attribution>, value: unknown): Attribution | undefined {
  if (typeof value === 'string') return trie.lookup(value);
  if (!Array.isArray(value)) return undefined;
  for (const item of value) {
    const match = typeof item === 'string' ? trie.lookup(item) : undefined;
    if (match !== undefined) return match;
  }
  return undefined;
}

/**
 * Builds the lookup once from the registry. Invalid networks in the registry are skipped here; the
 * registry's own validation is the place that reports them.
 */
export function createAttributor(organisations: Organisation[]): Attributor {
  const trie = new NetworkTrie<Attribution>();
  const byId = new Map<string, Attribution>();
  for (const organisation of organisations) {
    byId.set(organisation.id, { organizationId: organisation.id, organizationName: organisation.name });
    for (const network of organisation.networks) {
      trie.insert(network, { organizationId: organisation.id, organizationName: organisation.name });
    }
  }
  return {
    attribute(event) {
      return (
        firstMatch(trie, field(event, 'source', 'ip')) ??
        firstMatch(trie, field(event, 'destination', 'ip')) ??
        firstMatch(trie, field(event, 'host', 'ip')) ??
        firstMatch(trie, field(event, 'log', 'source', 'address')) ??
        null
      );
    },
    byId(organizationId) {
      return byId.get(organizationId);
    },
    direction(sourceIp, destinationIp) {
      if (sourceIp === undefined || destinationIp === undefined) return undefined;
      const sourceInside = trie.lookup(sourceIp) !== undefined;
      const destinationInside = trie.lookup(destinationIp) !== undefined;
      if (sourceInside) return destinationInside ? 'internal' : 'outbound';
      return destinationInside ? 'inbound' : 'external';
    },
  };
}
