import { countValue, ipValue, portValue } from '../kv-values.js';
import { urlParts } from '../url-parts.js';
import { lowerValue } from './sophos-values.js';

type Fields = Record<string, unknown>;

/**
 * Content filtering (web, application) logs as Elastic's cfilter pipeline maps them: allowed and
 * warned requests are allowed connections, denied ones alerts; `url.domain` is SFOS's `domain`,
 * `network.protocol` the URL's scheme.
 */
export function contentFilterFields(pairs: Record<string, string>): Fields {
  const denied = pairs.log_subtype === 'Denied';
  const allowed = pairs.log_subtype === 'Allowed' || pairs.log_subtype === 'Warned';
  const parts = pairs.url === undefined ? undefined : urlParts(pairs.url);
  return {
    event: {
      kind: denied ? 'alert' : 'event', action: lowerValue(pairs.log_subtype), outcome: pairs.log_subtype === undefined ? undefined : 'success',
      category: denied ? ['malware', 'network'] : ['network'],
      type: denied ? ['info', 'denied', 'connection'] : allowed ? ['allowed', 'connection'] : undefined,
      reason: pairs.reason,
    },
    source: {
      ip: ipValue(pairs.src_ip), port: portValue(pairs.src_port), bytes: countValue(pairs.sent_bytes),
      user: { name: pairs.user_name, group: { name: pairs.user_gp } },
    },
    destination: { ip: ipValue(pairs.dst_ip), port: portValue(pairs.dst_port), bytes: countValue(pairs.recv_bytes) },
    url: { ...(parts === undefined ? { original: pairs.url } : { ...parts, full: pairs.url }), domain: pairs.domain ?? parts?.domain },
    network: { protocol: parts?.scheme, transport: lowerValue(pairs.protocol) },
    http: {
      request: { referrer: pairs.referer },
      response: { status_code: countValue(pairs.status_code) },
    },
    user_agent: { original: pairs.user_agent },
  };
}

/** Logs of the other types (anti-virus, anti-spam, sandbox, WAF, ...): the addresses and the user. */
export function otherFields(pairs: Record<string, string>): Fields {
  const parts = pairs.url === undefined ? undefined : urlParts(pairs.url);
  return {
    event: { action: lowerValue(pairs.log_subtype) },
    source: {
      ip: ipValue(pairs.src_ip ?? pairs.sourceip), port: portValue(pairs.src_port), bytes: countValue(pairs.sent_bytes),
      user: { name: pairs.user_name },
    },
    destination: { ip: ipValue(pairs.dst_ip ?? pairs.destinationip), port: portValue(pairs.dst_port), bytes: countValue(pairs.recv_bytes) },
    url: parts === undefined ? { original: pairs.url } : { ...parts, full: pairs.url },
    network: { transport: lowerValue(pairs.protocol) },
  };
}
