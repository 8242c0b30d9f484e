import { ipValue, portValue } from '../kv-values.js';
import { urlParts } from '../url-parts.js';
import { lowerValue } from './sophos-values.js';

type Fields = Record<string, unknown>;

// Message ids Elastic marks as blocked intrusions: IPS anomaly/signature detect and drop, ATP alert and drop.
const IDP_BLOCKS = new Set(['06001', '06002', '07001', '07002']);
const ATP_BLOCKS = new Set(['18009', '18010']);

function threatEvent(pairs: Record<string, string>, blocked: boolean): Fields {
  return {
    kind: 'alert', action: lowerValue(pairs.log_subtype), outcome: pairs.log_subtype === undefined ? undefined : 'success',
    category: blocked ? ['intrusion_detection', 'network'] : undefined, type: blocked ? ['denied', 'connection'] : undefined,
  };
}

/** IPS (IDP) logs: the signature is the rule (`rule.id`, `rule.name`, `rule.category`). */
export function idpFields(pairs: Record<string, string>, code: string): Fields {
  return {
    event: threatEvent(pairs, IDP_BLOCKS.has(code)),
    source: { ip: ipValue(pairs.src_ip), port: portValue(pairs.src_port), user: { name: pairs.user_name } },
    destination: { ip: ipValue(pairs.dst_ip), port: portValue(pairs.dst_port) },
    rule: { id: pairs.signature_id, name: pairs.signature_msg, category: pairs.classification },
    network: { transport: lowerValue(pairs.protocol) },
  };
}

/** Advanced Threat Protection logs: a host talking to a known command-and-control address or URL. */
export function atpFields(pairs: Record<string, string>, code: string): Fields {
  const url = pairs.url;
  const parts = url === undefined ? undefined : urlParts(url);
  return {
    event: { ...threatEvent(pairs, ATP_BLOCKS.has(code)), id: pairs.eventid },
    source: { ip: ipValue(pairs.sourceip ?? pairs.src_ip), port: portValue(pairs.src_port), user: { name: pairs.user_name } },
    destination: { ip: ipValue(pairs.destinationip ?? pairs.dst_ip), port: portValue(pairs.dst_port) },
    url: parts === undefined ? { original: url } : { ...parts, full: url },
    threat: { indicator: { description: pairs.threatname } },
    network: { transport: lowerValue(pairs.protocol) },
  };
}
