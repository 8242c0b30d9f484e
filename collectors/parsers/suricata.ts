import { defineParser, type ParseResult } from './define-parser.js';
import { exceededJsonLimit } from './json-limits.js';
import { mergeFields } from './messages/merge-fields.js';
import type { ParseContext, ParsedEvent } from './parser.js';
import { scanIsoTimestamp } from './syslog/iso-timestamp.js';

type Fields = Record<string, unknown>;

// Field names from Suricata's EVE JSON output documentation (output-json-*.c).
function isObject(value: unknown): value is Fields {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
function time(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const scanned = scanIsoTimestamp(value, 0, true);
  return scanned === undefined ? undefined : new Date(scanned.millis).toISOString();
}

const CATEGORIES: Record<string, { category: string[]; type: string[] }> = {
  alert: { category: ['network', 'intrusion_detection'], type: ['info'] },
  dns: { category: ['network'], type: ['protocol'] },
  http: { category: ['network', 'web'], type: ['protocol', 'access'] },
  tls: { category: ['network'], type: ['protocol'] },
  flow: { category: ['network'], type: ['connection'] },
  fileinfo: { category: ['network', 'file'], type: ['info'] },
  http2: { category: ['network', 'web'], type: ['protocol', 'access'] },
  ssh: { category: ['network'], type: ['protocol'] },
  smb: { category: ['network'], type: ['protocol'] },
  ftp: { category: ['network'], type: ['protocol'] },
  ftp_data: { category: ['network'], type: ['protocol'] },
  tftp: { category: ['network'], type: ['protocol'] },
  mqtt: { category: ['network'], type: ['protocol'] },
  rdp: { category: ['network'], type: ['protocol'] },
  rfb: { category: ['network'], type: ['protocol'] },
};

// The protocol a record's event type names, for records without app_proto (Elastic's suricata
// integration maps rfb to rdp, so does this).
const EVENT_TYPE_PROTOCOLS: Record<string, string> = {
  dns: 'dns', ftp: 'ftp', ftp_data: 'ftp', http: 'http', http2: 'http', mqtt: 'mqtt', smb: 'smb', ssh: 'ssh', tftp: 'tftp', tls: 'tls', rdp: 'rdp', rfb: 'rdp',
};
// app_proto values that name no protocol: detection failed, or Suricata's parser templates.
const NO_PROTOCOL = new Set(['failed', 'template', 'template-rust']);

/** ECS network.protocol: app_proto in lower case as Elastic writes it, else the protocol of the event type. */
function networkProtocol(eventType: string, appProto: string | undefined): string | undefined {
  const app = appProto?.toLowerCase();
  if (app !== undefined && !NO_PROTOCOL.has(app)) return app;
  return Object.hasOwn(EVENT_TYPE_PROTOCOLS, eventType) ? EVENT_TYPE_PROTOCOLS[eventType] : undefined;
}

function alertFields(alert: Fields): Fields {
  const blocked = alert.action === 'blocked';
  return {
    event: { kind: 'alert', severity: num(alert.severity), type: ['info', blocked ? 'denied' : 'allowed'], action: str(alert.action) },
    rule: { id: alert.signature_id === undefined ? undefined : String(alert.signature_id), name: str(alert.signature), category: str(alert.category), version: alert.rev === undefined ? undefined : String(alert.rev) },
    message: str(alert.signature),
    suricata: { eve: { alert: { gid: num(alert.gid), rev: num(alert.rev), action: str(alert.action) } } },
  };
}

function dnsFields(dns: Fields): Fields {
  // EVE version 2 puts the question at the top of "dns"; version 3 lists it under "queries".
  const query = Array.isArray(dns.queries) && isObject(dns.queries[0]) ? dns.queries[0] : dns;
  const answers = Array.isArray(dns.answers) ? dns.answers.filter(isObject) : [];
  const resolved = answers.filter((answer) => answer.rrtype === 'A' || answer.rrtype === 'AAAA').map((answer) => answer.rdata).filter((data) => typeof data === 'string');
  return {
    dns: {
      type: str(dns.type) === 'query' || str(dns.type) === 'request' ? 'query' : 'answer', id: dns.id === undefined ? undefined : String(dns.id),
      question: { name: str(query.rrname), type: str(query.rrtype) }, response_code: str(dns.rcode),
      answers: answers.length === 0 ? undefined : answers.map((answer) => ({ name: str(answer.rrname), type: str(answer.rrtype), ttl: num(answer.ttl), data: str(answer.rdata) })),
      resolved_ip: resolved.length === 0 ? undefined : resolved,
    },
  };
}

function httpFields(http: Fields): Fields {
  const url = str(http.url);
  const query = url?.indexOf('?') ?? -1;
  return {
    destination: { domain: str(http.hostname) },
    url: { domain: str(http.hostname), original: url, path: url === undefined ? undefined : query < 0 ? url : url.slice(0, query), query: url !== undefined && query >= 0 ? url.slice(query + 1) : undefined },
    http: {
      request: { method: str(http.http_method), referrer: str(http.http_refer) },
      response: { status_code: num(http.status), body: { bytes: num(http.length) }, mime_type: str(http.http_content_type) },
      version: str(http.protocol)?.replace(/^HTTP\//, ''),
    },
    user_agent: { original: str(http.http_user_agent) },
  };
}

function tlsFields(tls: Fields): Fields {
  const version = str(tls.version);
  const match = version === undefined ? null : /^(TLS|SSL)v?\s?(\d(?:\.\d)?)$/i.exec(version);
  return {
    tls: {
      version: match?.[2], version_protocol: match?.[1]?.toLowerCase(),
      client: { server_name: str(tls.sni), ja3: isObject(tls.ja3) ? str(tls.ja3.hash) : undefined },
      server: {
        subject: str(tls.subject), issuer: str(tls.issuerdn), not_before: time(tls.notbefore), not_after: time(tls.notafter),
        hash: { sha1: str(tls.fingerprint)?.replace(/:/g, '').toUpperCase() }, x509: { serial_number: str(tls.serial)?.replace(/:/g, '') },
      },
    },
  };
}

function flowFields(flow: Fields): Fields {
  const toServer = num(flow.bytes_toserver);
  const toClient = num(flow.bytes_toclient);
  const packetsToServer = num(flow.pkts_toserver);
  const packetsToClient = num(flow.pkts_toclient);
  // As Elastic's integration reads the flow state: still "new" (one side seen) is a start, "closed" an end.
  const state = str(flow.state);
  return {
    event: { start: time(flow.start), end: time(flow.end), type: state === 'new' ? ['connection', 'start'] : state === 'closed' ? ['connection', 'end'] : undefined },
    source: { bytes: toServer, packets: packetsToServer },
    destination: { bytes: toClient, packets: packetsToClient },
    network: {
      bytes: toServer !== undefined && toClient !== undefined ? toServer + toClient : undefined,
      packets: packetsToServer !== undefined && packetsToClient !== undefined ? packetsToServer + packetsToClient : undefined,
    },
    suricata: { eve: { flow: { state: str(flow.state), reason: str(flow.reason), alerted: flow.alerted === true ? true : undefined } } },
  };
}

function fileinfoFields(file: Fields): Fields {
  return {
    file: { name: str(file.filename)?.split('/').pop(), path: str(file.filename), size: num(file.size), hash: { md5: str(file.md5), sha1: str(file.sha1), sha256: str(file.sha256) } },
    suricata: { eve: { fileinfo: { magic: str(file.magic), state: str(file.state), stored: typeof file.stored === 'boolean' ? file.stored : undefined } } },
  };
}

const SECTIONS: [string, (fields: Fields) => Fields][] = [
  ['http', httpFields], ['tls', tlsFields], ['dns', dnsFields], ['flow', flowFields], ['fileinfo', fileinfoFields], ['alert', alertFields],
];

/** Suricata EVE JSON records (alert, dns, http, tls, flow, fileinfo) mapped to ECS. */
export function parseSuricata(line: string, context: ParseContext): ParseResult {
  const exceeded = exceededJsonLimit(line);
  if (exceeded !== undefined) return exceeded;
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return 'invalid JSON';
  }
  if (!isObject(record) || typeof record.event_type !== 'string') return 'not a Suricata EVE record (no event_type)';
  const eventType = record.event_type;
  const shape = Object.hasOwn(CATEGORIES, eventType) ? CATEGORIES[eventType]! : { category: ['network'], type: ['info'] };
  const proto = str(record.proto);
  const sourceIp = str(record.src_ip);
  const destinationIp = str(record.dest_ip);
  const relatedIps = [...new Set([sourceIp, destinationIp].filter((ip) => ip !== undefined))];
  const event: ParsedEvent = {
    '@timestamp': time(record.timestamp) ?? context.receivedAt.toISOString(),
    event: { kind: eventType === 'stats' ? 'metric' : 'event', module: 'suricata', dataset: 'suricata.eve', category: shape.category, type: shape.type },
  };
  mergeFields(event, {
    source: { address: sourceIp, ip: sourceIp, port: num(record.src_port) },
    destination: { address: destinationIp, ip: destinationIp, port: num(record.dest_port) },
    related: { ip: relatedIps.length === 0 ? undefined : relatedIps },
    network: { transport: proto?.toLowerCase(), protocol: networkProtocol(eventType, str(record.app_proto)), community_id: str(record.community_id), vlan: Array.isArray(record.vlan) ? { id: String(record.vlan[0]) } : undefined },
    observer: { name: str(record.host), ingress: { interface: { name: str(record.in_iface) } }, type: 'ids', vendor: 'OISF', product: 'Suricata' },
    suricata: { eve: { event_type: eventType, flow_id: record.flow_id === undefined ? undefined : String(record.flow_id), tx_id: num(record.tx_id) } },
  });
  // Alerts and file records carry the protocol section of their transaction too: map every section present.
  for (const [section, map] of SECTIONS) if (isObject(record[section])) mergeFields(event, map(record[section]));
  // Like Elastic's integration, only HTTP records get an outcome: an alert or file record's HTTP status says nothing about it.
  const status = eventType === 'http' && isObject(record.http) ? num(record.http.status) : undefined;
  if (status !== undefined) event.event.outcome = status < 400 ? 'success' : 'failure';
  return event;
}

export const suricataParser = defineParser('suricata', parseSuricata);
