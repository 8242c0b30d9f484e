import { countValue, ipValue, portValue } from '../kv-values.js';
import { ianaProtocol } from '../iana-protocol.js';
import { setOwnField } from '../set-own-field.js';
import { urlParts } from '../url-parts.js';
import { macValue } from './sophos-values.js';

type Fields = Record<string, unknown>;

const SEVERITIES = ['emergency', 'alert', 'critical', 'error', 'warning', 'notice', 'info', 'debug'];
// Pairs that become ECS fields; every other pair stays under sophos.utm, as in Elastic's pipelines.
const PACKETFILTER_MAPPED = new Set(['action', 'dstip', 'dstmac', 'dstport', 'id', 'srcip', 'srcmac', 'srcport', 'fwrule', 'initf', 'outitf', 'proto', 'message']);
const HTTP_MAPPED = new Set([
  'action', 'application', 'dstip', 'device', 'error', 'file', 'filename', 'group', 'id', 'message', 'method', 'referer', 'request',
  'size', 'srcip', 'statuscode', 'ua', 'url', 'user',
]);

function remaining(pairs: Record<string, string>, mapped: ReadonlySet<string>): Record<string, string> {
  const rest: Record<string, string> = {};
  // Elastic renames kebab-case keys (`app-id`, `content-type`) to snake_case.
  for (const [key, value] of Object.entries(pairs)) if (!mapped.has(key)) setOwnField(rest, key.replace(/-/g, '_'), value);
  return rest;
}

/** Fields of every key=value UTM log: its id, subsystem and severity. */
export function utmCommonFields(pairs: Record<string, string>): Fields {
  const severity = SEVERITIES.indexOf(pairs.severity ?? '');
  return { event: { id: pairs.id, provider: pairs.sub, severity: severity < 0 ? undefined : severity } };
}

/**
 * Packet filter logs (ulogd: drops, accepts, rejects, DNS requests) as Elastic's packetfilter
 * pipeline maps them: `event.action` the action, accept allowed and drop denied.
 */
export function packetfilterFields(pairs: Record<string, string>): Fields {
  const action = pairs.action;
  const protocol = pairs.proto === undefined ? undefined : ianaProtocol(pairs.proto);
  return {
    event: {
      action, category: ['network'],
      type: ['info', ...(action === 'accept' ? ['allowed'] : action === 'drop' || action === 'reject' ? ['denied'] : [])],
    },
    source: { ip: ipValue(pairs.srcip), port: portValue(pairs.srcport), mac: macValue(pairs.srcmac) },
    destination: { ip: ipValue(pairs.dstip), port: portValue(pairs.dstport), mac: macValue(pairs.dstmac) },
    rule: { id: pairs.fwrule },
    observer: { ingress: { interface: { name: pairs.initf } }, egress: { interface: { name: pairs.outitf } } },
    network: protocol,
    message: pairs.message,
    sophos: { utm: remaining(pairs, PACKETFILTER_MAPPED) },
  };
}

/**
 * Web proxy logs (httpproxy) as Elastic's http pipeline maps them: category web, `event.action`
 * the action and, when given, the reason (`block-category`), the request and the user.
 */
export function httpFields(pairs: Record<string, string>): Fields {
  const parts = pairs.url === undefined ? undefined : urlParts(pairs.url);
  return {
    event: {
      action: pairs.action === undefined ? undefined : pairs.reason === undefined ? pairs.action : `${pairs.action}-${pairs.reason}`,
      category: ['web'], type: ['info'],
    },
    source: { ip: ipValue(pairs.srcip) },
    destination: { ip: ipValue(pairs.dstip) },
    user: { name: pairs.user },
    group: { name: pairs.group },
    network: { protocol: 'http', application: pairs.application },
    url: parts ?? { original: pairs.url },
    http: {
      request: { method: pairs.method, referrer: pairs.referer, id: pairs.request, bytes: countValue(pairs.size) },
      response: { status_code: countValue(pairs.statuscode) },
    },
    user_agent: { original: pairs.ua },
    file: { name: pairs.filename ?? pairs.file },
    device: { id: pairs.device },
    error: { message: pairs.error },
    message: pairs.message,
    sophos: { utm: remaining(pairs, HTTP_MAPPED) },
  };
}

/** Other key=value subsystems (WAF, application control, ...): addresses, user and action. */
export function otherKvFields(pairs: Record<string, string>): Fields {
  return {
    event: { action: pairs.action },
    source: { ip: ipValue(pairs.srcip), port: portValue(pairs.srcport) },
    destination: { ip: ipValue(pairs.dstip), port: portValue(pairs.dstport) },
    user: { name: pairs.user },
    message: pairs.message,
    sophos: { utm: pairs },
  };
}
