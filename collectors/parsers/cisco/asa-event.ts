import { isIP } from 'node:net';
import { mergeFields } from '../messages/merge-fields.js';
import type { ParsedEvent } from '../parser.js';
import type { AsaHeader } from './asa-header.js';
import { asaCategory } from './asa-categories.js';
import type { AsaDraft, AsaEndpoint } from './asa-draft.js';

// ASA's severity levels by their names in the syslog guide, as Elastic writes them into log.level.
const LEVELS = ['emergency', 'alert', 'critical', 'error', 'warning', 'notification', 'informational', 'debug'];
// The IANA numbers Elastic's pipeline adds for the transports ASA names.
const IANA_NUMBERS: Record<string, string> = { icmp: '1', igmp: '2', tcp: '6', udp: '17', gre: '47', esp: '50', 'ipv6-icmp': '58' };

/** Seconds of an ASA duration: `1:00:04` or the VPN form `0h:32m:16s` (unit letters are decoration). */
function durationSeconds(text: string): number {
  let total = 0;
  let current = 0;
  for (const char of text) {
    if (char >= '0' && char <= '9') current = current * 10 + Number(char);
    else if (char === ':') {
      total = (total + current) * 60;
      current = 0;
    }
  }
  return total + current;
}

/** ECS fields of one endpoint: address as ip or domain, and NAT only where the mapped value differs. */
function endpointFields(end: AsaEndpoint): Record<string, unknown> {
  const ip = end.address !== undefined && isIP(end.address) !== 0 ? end.address : undefined;
  const mappedIp = end.mappedAddress !== undefined && isIP(end.mappedAddress) !== 0 ? end.mappedAddress : undefined;
  return {
    ip,
    domain: ip === undefined ? end.address : undefined,
    port: end.port,
    bytes: end.bytes,
    nat: {
      ip: mappedIp !== undefined && mappedIp !== ip ? mappedIp : undefined,
      port: end.mappedPort !== undefined && end.mappedPort !== end.port ? end.mappedPort : undefined,
    },
    user: end.user === undefined ? undefined : { name: end.user },
  };
}

/** Turns the header and what the message yielded into the event Elastic's cisco_asa integration would index. */
export function asaEvent(header: AsaHeader, draft: AsaDraft | undefined, receivedAt: Date): ParsedEvent {
  const timestamp = header.millis ?? receivedAt.getTime();
  const category = asaCategory(header.messageId, draft?.verdict);
  const event: ParsedEvent = {
    '@timestamp': new Date(timestamp).toISOString(),
    event: {
      kind: 'event', module: 'cisco_asa', dataset: 'cisco_asa.log', code: header.messageId, severity: header.severity,
      category: category?.category ?? ['network'],
      ...(category?.type ? { type: category.type } : {}),
      ...(category?.outcome ? { outcome: category.outcome } : {}),
      ...(category?.action ? { action: category.action } : {}),
    },
    log: { level: LEVELS[header.severity], ...(header.priority ? { syslog: { ...header.priority } } : {}) },
    observer: { vendor: 'Cisco', product: 'asa', type: 'firewall', hostname: header.hostname },
    message: header.message,
  };
  if (header.hostname !== undefined) event.host = { hostname: header.hostname, name: header.hostname };
  if (header.process !== undefined) event.process = { ...header.process };
  if (draft === undefined) return event;

  const transport = draft.transport?.toLowerCase();
  const ianaNumber = draft.ianaNumber ?? (transport === undefined ? undefined : IANA_NUMBERS[transport]);
  const asa = {
    source_interface: draft.source.interface,
    destination_interface: draft.destination.interface,
    mapped_source_ip: draft.source.mappedAddress,
    mapped_source_port: draft.source.mappedPort,
    mapped_destination_ip: draft.destination.mappedAddress,
    mapped_destination_port: draft.destination.mappedPort,
  };
  mergeFields(event, {
    source: endpointFields(draft.source),
    destination: endpointFields(draft.destination),
    network: { transport, iana_number: ianaNumber, direction: draft.direction?.toLowerCase() },
    observer: {
      ingress: { interface: { name: draft.source.interface } },
      egress: { interface: { name: draft.destination.interface } },
    },
    cisco: { asa },
  });
  mergeFields(event, draft.fields);
  if (draft.duration !== undefined) {
    const seconds = durationSeconds(draft.duration);
    mergeFields(event, {
      event: { duration: seconds * 1e9, start: new Date(timestamp - seconds * 1000).toISOString(), end: event['@timestamp'] },
    });
  }
  const asaFields = (event.cisco as { asa?: Record<string, unknown> } | undefined)?.asa;
  // ECS has a place for the matched access list and for the acting user; Elastic leaves the list in
  // cisco.asa.rule_name and the user in source/server.user, so both are copied, not moved.
  if (typeof asaFields?.rule_name === 'string') mergeFields(event, { rule: { name: asaFields.rule_name } });
  const user = userOf(event);
  if (user !== undefined) mergeFields(event, { user: { name: user } });
  return event;
}

function userOf(event: ParsedEvent): string | undefined {
  const named = (side: unknown): string | undefined => (side as { user?: { name?: string } } | undefined)?.user?.name;
  return event.user?.name ?? named(event.destination) ?? named(event.source) ?? named(event.server);
}
