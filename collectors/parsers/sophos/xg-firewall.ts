import { countValue, ipValue, portValue } from '../kv-values.js';
import { lowerValue, macValue } from './sophos-values.js';

type Fields = Record<string, unknown>;

// Message ids Elastic's firewall pipeline treats as attacks (heartbeat loss, ICMP errors, spoofing, ...).
const ALERTS = new Set(['03001', '05001', '05151', '00003', '00004']);
const INSIDE_ZONES = new Set(['LAN', 'DMZ', 'VPN', 'WiFi']);

function connectionType(pairs: Record<string, string>): string[] | undefined {
  // v17/v18 write `connevent`, SFOS 19+ `con_event`; Elastic reads only the former.
  const connection = pairs.connevent ?? pairs.con_event;
  if (pairs.status === 'Deny' || pairs.log_subtype === 'Denied') return ['denied', 'connection'];
  if (connection === 'Start' || connection === 'Interim') return ['start', 'allowed', 'connection'];
  if (connection === 'Stop') return ['end', 'allowed', 'connection'];
  return undefined;
}

/** `network.direction` from the zone types, as Elastic derives it. */
export function zoneDirection(ingress: string | undefined, egress: string | undefined): string | undefined {
  const inside = (zone: string | undefined): boolean => zone !== undefined && INSIDE_ZONES.has(zone);
  if (inside(egress) && ingress === 'WAN') return 'inbound';
  if (inside(ingress) && egress === 'WAN') return 'outbound';
  if (inside(ingress) && inside(egress)) return 'internal';
  if (ingress === 'WAN' && egress === 'WAN') return 'external';
  return undefined;
}

/**
 * Firewall logs (firewall rule, invalid and fragmented traffic, DoS, spoofing, heartbeat, ...) as
 * Elastic's firewall pipeline maps them: `event.action` the subtype, outcome success (the log was
 * written), type start/end + allowed from the connection event or denied, attacks as alerts.
 */
export function firewallFields(pairs: Record<string, string>, code: string): Fields {
  const alert = ALERTS.has(code);
  return {
    event: {
      kind: alert ? 'alert' : 'event', action: lowerValue(pairs.log_subtype), outcome: pairs.log_subtype === undefined ? undefined : 'success',
      category: alert ? ['intrusion_detection', 'network'] : ['network'], type: connectionType(pairs),
    },
    source: {
      ip: ipValue(pairs.src_ip), port: portValue(pairs.src_port), mac: macValue(pairs.src_mac),
      bytes: countValue(pairs.sent_bytes ?? pairs.bytes_sent), packets: countValue(pairs.sent_pkts ?? pairs.packets_sent),
      nat: { ip: ipValue(pairs.tran_src_ip ?? pairs.src_trans_ip), port: portValue(pairs.tran_src_port) },
      user: { name: pairs.user_name, group: { name: pairs.user_gp } },
    },
    destination: {
      ip: ipValue(pairs.dst_ip), port: portValue(pairs.dst_port), mac: macValue(pairs.dst_mac),
      bytes: countValue(pairs.recv_bytes ?? pairs.bytes_received), packets: countValue(pairs.recv_pkts ?? pairs.packets_received),
      nat: { ip: ipValue(pairs.tran_dst_ip), port: portValue(pairs.tran_dst_port) },
    },
    rule: { id: pairs.fw_rule_id, ruleset: pairs.policy_type },
    network: { protocol: lowerValue(pairs.application), transport: lowerValue(pairs.protocol) },
  };
}
