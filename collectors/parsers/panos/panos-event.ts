import { isIP } from 'node:net';
import { mergeFields } from '../messages/merge-fields.js';
import type { ParsedEvent } from '../parser.js';
import { panosTime } from './panos-time.js';
import { GLOBALPROTECT_COLUMNS, nameColumns, SYSTEM_COLUMNS, THREAT_COLUMNS, TRAFFIC_COLUMNS, USERID_COLUMNS } from './panos-columns.js';

type Columns = Record<string, string>;
type Fields = Record<string, unknown>;

// Verdicts as Elastic's panw.panos pipeline reads them (event.type allowed/denied, event.outcome).
const ALLOWED_ACTIONS = new Set(['alert', 'allow', 'continue']);
const DENIED_ACTIONS = new Set(['deny', 'drop', 'reset-client', 'reset-server', 'reset-both', 'block-url', 'block-ip', 'random-drop', 'sinkhole', 'block']);
// TRAFFIC subtypes say what happened to the session; THREAT subtypes what was detected.
const SUBTYPE_ACTIONS: Record<string, { action: string; type?: string[] }> = {
  start: { action: 'flow_started', type: ['start', 'connection'] },
  end: { action: 'flow_terminated', type: ['end', 'connection'] },
  drop: { action: 'flow_dropped', type: ['denied', 'connection'] },
  deny: { action: 'flow_denied', type: ['denied', 'connection'] },
  data: { action: 'data_match' }, file: { action: 'file_match' }, flood: { action: 'flood_detected' },
  packet: { action: 'packet_attack' }, scan: { action: 'scan_detected' }, spyware: { action: 'spyware_detected' },
  url: { action: 'url_filtering' }, virus: { action: 'virus_detected' }, vulnerability: { action: 'exploit_detected' },
  wildfire: { action: 'wildfire_verdict' }, 'wildfire-virus': { action: 'wildfire_virus_detected' },
};
const SEVERITY_NUMBERS: Record<string, number> = { critical: 1, high: 2, medium: 3, low: 4, informational: 5 };
// Older releases wrote some TRAFFIC actions with a space.
const ACTION_SPELLINGS: Record<string, string> = { 'drop icmp': 'drop-icmp', 'drop ICMP': 'drop-icmp', 'reset both': 'reset-both', 'reset client': 'reset-client', 'reset server': 'reset-server' };

function integer(value: string | undefined): number | undefined {
  return value !== undefined && /^\d{1,18}$/.test(value) ? Number(value) : undefined;
}

function ip(value: string | undefined): string | undefined {
  return value !== undefined && isIP(value) !== 0 ? value : undefined;
}

/** `DOMAIN\user`, `DOMAIN\\user` or `user@domain` as ECS user name and domain. */
function user(value: string | undefined): Fields | undefined {
  if (value === undefined) return undefined;
  const backslash = value.indexOf('\\');
  if (backslash > 0) return { domain: value.slice(0, backslash), name: value.slice(value.lastIndexOf('\\') + 1) };
  const at = value.lastIndexOf('@');
  if (at > 0) return { name: value.slice(0, at), domain: value.slice(at + 1) };
  return { name: value };
}

/** The event types of a verdict and a subtype, in the order Elastic appends them. */
function eventTypes(action: string | undefined, subtype: string): string[] | undefined {
  const types: string[] = [];
  if (action !== undefined && ALLOWED_ACTIONS.has(action)) types.push('allowed');
  if (action !== undefined && DENIED_ACTIONS.has(action)) types.push('denied');
  types.push(...(SUBTYPE_ACTIONS[subtype]?.type ?? []));
  return types.length > 0 ? types : undefined;
}

/** Source and destination of a session log; NAT addresses of 0.0.0.0 with port 0 mean no translation. */
function sessionEndpoints(c: Columns): Fields {
  const side = (address: string | undefined, port: string | undefined, natAddress: string | undefined, natPort: string | undefined, zone: string | undefined): Fields => ({
    ip: ip(address),
    port: integer(port),
    nat: natAddress === '0.0.0.0' && natPort === '0' ? undefined : { ip: ip(natAddress), port: integer(natPort) },
    zone,
  });
  const source = side(c.source_ip, c.source_port, c.source_nat_ip, c.source_nat_port, undefined);
  const destination = side(c.destination_ip, c.destination_port, c.destination_nat_ip, c.destination_nat_port, undefined);
  const sourceUser = user(c.source_user);
  return {
    source: { ...source, user: sourceUser },
    destination: { ...destination, user: user(c.destination_user) },
    user: sourceUser,
    rule: { name: c.rule },
    network: {
      transport: c.protocol?.toLowerCase(),
      application: c.application?.toLowerCase(),
      type: c.source_ip === undefined ? undefined : c.source_ip.includes(':') ? 'ipv6' : 'ipv4',
    },
    observer: {
      ingress: { zone: c.source_zone, interface: { name: c.inbound_interface } },
      egress: { zone: c.destination_zone, interface: { name: c.outbound_interface } },
    },
  };
}

function traffic(c: Columns, subtype: string, start: string | undefined): Fields {
  const elapsed = integer(c.elapsed_time);
  return mergeFields(sessionEndpoints(c), {
    event: {
      kind: 'event', category: ['network'], outcome: c.action === 'allow' ? 'success' : 'failure',
      duration: elapsed === undefined ? undefined : elapsed * 1e9,
      start,
      end: start === undefined || elapsed === undefined ? undefined : new Date(Date.parse(start) + elapsed * 1000).toISOString(),
    },
    source: { bytes: integer(c.bytes_sent), packets: integer(c.packets_sent) },
    destination: { bytes: integer(c.bytes_received), packets: integer(c.packets_received) },
    network: { bytes: integer(c.bytes), packets: integer(c.packets) },
    panw: { panos: { endreason: c.session_end_reason, flow_id: c.session_id, url: { category: c.url_category }, sub_type: subtype } },
  });
}

// "Conficker Worm(12544)": the threat name with its Palo Alto threat id; URL filtering logs "(9999)".
const THREAT_NAME = /^(.{0,255}?)\(\s{0,4}(\d{1,12})\s{0,4}\)$/;

/** url.* from the URL PAN-OS logs without a scheme ("host[:port]/path?query"), as Elastic splits it. */
function urlFields(original: string): Fields {
  const slash = original.indexOf('/');
  const hostPort = slash < 0 ? original.split('?')[0]! : original.slice(0, slash);
  const rest = slash < 0 ? '' : original.slice(slash);
  const query = slash < 0 ? original.split('?')[1] : rest.includes('?') ? rest.slice(rest.indexOf('?') + 1) : undefined;
  const path = slash < 0 ? undefined : rest.split('?')[0];
  const dot = path?.lastIndexOf('.') ?? -1;
  const colon = hostPort.indexOf(':');
  return {
    original, path, query,
    extension: path !== undefined && dot >= 0 ? path.slice(dot + 1) : undefined,
    domain: colon < 0 ? hostPort : hostPort.slice(0, colon),
    port: colon < 0 ? undefined : integer(hostPort.slice(colon + 1)),
  };
}

function threat(c: Columns, subtype: string): Fields {
  const named = c.threat_id === undefined ? null : THREAT_NAME.exec(c.threat_id);
  const threatId = named?.[2];
  const misc = c.misc;
  const url = misc !== undefined && (subtype === 'url' || ((subtype === 'virus' || subtype === 'vulnerability') && misc.includes('/'))) ? urlFields(misc) : undefined;
  const fileName = misc !== undefined && ['file', 'virus', 'vulnerability'].includes(subtype) && url === undefined ? misc.slice(Math.max(misc.lastIndexOf('/'), misc.lastIndexOf('\\')) + 1) : undefined;
  const direction = c.direction === 'client-to-server' || c.direction === '0' ? 'inbound' : c.direction === 'server-to-client' || c.direction === '1' ? 'outbound' : 'unknown';
  return mergeFields(sessionEndpoints(c), {
    event: {
      kind: 'alert', category: ['intrusion_detection', 'threat', 'network'],
      outcome: c.action !== undefined && ALLOWED_ACTIONS.has(c.action) ? 'success' : 'failure',
    },
    log: { level: c.severity },
    network: { direction },
    url,
    // Elastic names the destination after the URL's host when the URL has no port.
    destination: url !== undefined && url.port === undefined ? { domain: url.domain } : undefined,
    file: { name: fileName, type: c.file_type },
    http: { request: { method: c.http_method, referrer: c.referer } },
    panw: {
      panos: {
        sub_type: subtype, flow_id: c.session_id, threat_category: c.threat_category, url: { category: c.url_category },
        threat: threatId === undefined ? undefined : { id: threatId, name: threatId === '9999' ? 'URL-filtering' : named![1]!.trim() || undefined },
        file: { hash: c.file_hash },
      },
    },
  });
}

function system(c: Columns): Fields {
  return {
    event: { kind: 'event', category: ['configuration'], code: c.event_id },
    log: { level: c.severity },
    message: c.description,
    panw: { panos: { module: c.module, description: c.description } },
  };
}

function globalProtect(c: Columns): Fields {
  const usable = (value: string | undefined): string | undefined => (value === undefined || value === '0.0.0.0' ? undefined : value);
  const sourceIp = ip(c.private_ip) ?? ip(usable(c.private_ipv6));
  const natIp = usable(c.public_ip) ?? usable(c.public_ipv6) ?? c.public_ip;
  const sourceUser = user(c.source_user);
  const duration = integer(c.login_duration);
  return {
    event: {
      kind: 'event', category: ['network'], code: c.event_id, reason: c.reason,
      outcome: c.status === 'success' || c.status === 'failure' ? c.status : undefined,
      duration: duration === undefined ? undefined : duration * 1e9,
    },
    source: { ip: sourceIp, nat: { ip: ip(natIp) }, user: sourceUser },
    user: sourceUser,
    host: { ip: sourceIp === undefined ? undefined : [sourceIp], name: c.machine_name, id: c.host_id, os: { family: c.client_os, full: c.client_os_version } },
    observer: { geo: { name: c.location } },
    panw: { panos: { stage: c.stage, auth_method: c.auth_method, tunnel_type: c.tunnel_type, portal: c.portal, connect_method: c.connect_method, error: c.error } },
  };
}

// User-ID maps an address to a user (logins seen by AD, GlobalProtect, captive portal...).
function userId(c: Columns): Fields {
  // The user as the data source named it wins over the mapped name, as in Elastic's pipeline.
  const sourceUser = mergeFields(user(c.source_user) ?? {}, { name: c.user_by_source });
  return {
    event: { kind: 'event', category: ['network', 'iam'], code: c.event_id },
    source: { ip: ip(c.source_ip), port: integer(c.source_port), user: sourceUser },
    destination: { port: integer(c.destination_port) },
    user: sourceUser,
    panw: { panos: { data_source: c.data_source, data_source_type: c.data_source_type, timeout: integer(c.timeout) } },
  };
}

/** The ECS fields of one PAN-OS log by its type; undefined for types this parser does not read. */
export function panosFields(type: string, subtype: string, rest: readonly string[]): Fields | undefined {
  let fields: Fields;
  let columns: Columns;
  switch (type) {
    case 'TRAFFIC':
      columns = nameColumns(TRAFFIC_COLUMNS, rest);
      fields = traffic(columns, subtype, panosTime(columns.start_time));
      break;
    case 'THREAT':
      columns = nameColumns(THREAT_COLUMNS, rest);
      fields = threat(columns, subtype);
      break;
    case 'SYSTEM':
      columns = nameColumns(SYSTEM_COLUMNS, rest);
      fields = system(columns);
      break;
    case 'USERID':
      columns = nameColumns(USERID_COLUMNS, rest);
      fields = userId(columns);
      break;
    case 'GLOBALPROTECT':
      columns = nameColumns(GLOBALPROTECT_COLUMNS, rest);
      fields = globalProtect(columns);
      break;
    default:
      return undefined;
  }
  const action = columns.action === undefined ? undefined : ACTION_SPELLINGS[columns.action] ?? columns.action;
  const level = (fields.log as { level?: string } | undefined)?.level;
  return mergeFields(fields, {
    event: { action: SUBTYPE_ACTIONS[subtype]?.action, type: eventTypes(action, subtype), severity: level === undefined ? undefined : SEVERITY_NUMBERS[level] },
    observer: { hostname: columns.device_name },
    panw: { panos: { action, virtual_sys: columns.virtual_sys, sequence_number: columns.sequence_number } },
  });
}

/** Adds the header columns every PAN-OS log shares to the fields of its type. */
export function panosEvent(timestamp: string, created: string | undefined, serial: string, type: string, subtype: string, fields: Fields): ParsedEvent {
  const event: ParsedEvent = {
    '@timestamp': timestamp,
    event: { kind: 'event', module: 'panw', dataset: 'panw.panos', ...(created !== undefined ? { created } : {}) },
    observer: { vendor: 'Palo Alto Networks', product: 'PAN-OS', type: 'firewall', serial_number: serial || undefined },
  };
  return mergeFields(event, mergeFields(fields, { panw: { panos: { type, sub_type: subtype } } }));
}
