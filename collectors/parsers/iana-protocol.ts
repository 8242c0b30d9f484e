// IANA protocol numbers (https://www.iana.org/assignments/protocol-numbers) of the transports logs name.
const NAMES: Record<string, string> = { '1': 'icmp', '2': 'igmp', '6': 'tcp', '17': 'udp', '47': 'gre', '50': 'esp', '58': 'ipv6-icmp', '132': 'sctp' };

/** ECS `network.transport` for a protocol given by name ("TCP") or IANA number ("6"). */
export function ianaProtocol(protocol: string): { transport?: string; iana_number?: string } {
  if (!/^\d{1,3}$/.test(protocol)) return { transport: protocol.toLowerCase() };
  return { transport: NAMES[protocol], iana_number: protocol };
}
