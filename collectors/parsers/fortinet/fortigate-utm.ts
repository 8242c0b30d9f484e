import { countValue, ipValue, portValue } from '../kv-values.js';
import { ruleCategory } from './fortigate-traffic.js';
import { fortigateUrl } from './fortigate-url.js';

type Fields = Record<string, unknown>;

/**
 * UTM logs (virus, webfilter, ips, app-ctrl, dns, ssl, dlp, ...) as Elastic's utm pipeline maps them:
 * `block`/`blocked` is a denial, `pass`/`passthrough` allowed, DNS lines are also `info`; other
 * verdicts (`dropped`, `monitored`) get no type. `event.action` is the UTM event type.
 */
export function utmFields(pairs: Record<string, string>): Fields {
  const action = pairs.action;
  const type: string[] = [];
  if (action === 'block' || action === 'blocked') type.push('denied');
  if (pairs.subtype === 'dns') type.push('info');
  if (action === 'pass' || action === 'passthrough') type.push('allowed');
  const resolved = pairs.ipaddr?.split(', ').filter((address) => ipValue(address) !== undefined);
  return {
    event: {
      action: pairs.eventtype, outcome: action === undefined ? undefined : 'success', category: ['network'],
      type: type.length > 0 ? type : undefined, id: pairs.event_id ?? pairs.eventid, reference: pairs.ref,
    },
    source: {
      ip: ipValue(pairs.locip ?? pairs.srcip), port: portValue(pairs.locport ?? pairs.src_port ?? pairs.srcport),
      bytes: countValue(pairs.sentbyte), mac: pairs.srcmac, domain: pairs.srcdomain,
      user: { name: pairs.unauthuser ?? pairs.user, group: { name: pairs.group } },
    },
    destination: {
      ip: ipValue(pairs.dstip ?? pairs.remip), port: portValue(pairs.dst_port ?? pairs.remport ?? pairs.dstport),
      bytes: countValue(pairs.rcvdbyte),
    },
    network: { application: pairs.app },
    rule: {
      id: pairs.policy_id ?? pairs.policyid, ruleset: pairs.applist ?? pairs.profile,
      category: ruleCategory(pairs.appcat ?? pairs.catdesc),
    },
    url: fortigateUrl(pairs.url, pairs.hostname),
    http: { request: { method: pairs.httpmethod, referrer: pairs.referralurl } },
    user_agent: { original: pairs.agent },
    file: {
      name: pairs.filename ?? pairs.infectedfilename ?? pairs.matchedfilename,
      size: countValue(pairs.filesize ?? pairs.infectedfilesize),
      extension: pairs.filetype ?? pairs.infectedfiletype ?? pairs.matchedfiletype,
    },
    dns: {
      id: pairs.xid,
      question: { name: pairs.qname, type: pairs.qtype, class: pairs.qclass },
      resolved_ip: resolved !== undefined && resolved.length > 0 ? resolved : undefined,
    },
    vulnerability: { category: pairs.dtype === undefined ? undefined : [pairs.dtype] },
  };
}
