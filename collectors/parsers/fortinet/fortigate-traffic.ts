import { countValue, ipValue, portValue, textValue } from '../kv-values.js';

type Fields = Record<string, unknown>;

/** FortiOS application categories use dots ("Web.Client"); Elastic's `rule.category` uses dashes. */
export function ruleCategory(value: string | undefined): string | undefined {
  return value?.replace(/\./g, '-');
}

/**
 * Traffic logs (forward, local, multicast, sniffer) as Elastic's fortinet_fortigate traffic pipeline
 * maps them: every line is a connection that ended unless `action=start`; `deny` and a blocking UTM
 * verdict are denials, lines without a UTM verdict otherwise allowed. `event.outcome` says the log
 * was written, not what the firewall decided, hence success.
 */
export function trafficFields(pairs: Record<string, string>): Fields {
  const action = textValue(pairs.action);
  const type = ['connection'];
  if (action === 'start') type.push('start');
  else if (action !== undefined) type.push('end');
  if (pairs.app !== undefined && action !== 'deny') type.push('protocol');
  if (pairs.utmaction === undefined && action !== 'deny') type.push('allowed');
  if (pairs.utmaction === 'block' || action === 'deny') type.push('denied');
  return {
    event: { action, outcome: action === undefined ? undefined : 'success', category: ['network'], type },
    source: {
      ip: ipValue(pairs.srcip), port: portValue(pairs.srcport), mac: pairs.srcmac, domain: pairs.srcdomain,
      bytes: countValue(pairs.sentbyte), packets: countValue(pairs.sentpkt),
      nat: { ip: ipValue(pairs.transip), port: portValue(pairs.transport) },
      user: { name: pairs.unauthuser ?? pairs.user, group: { name: pairs.group } },
    },
    destination: {
      ip: ipValue(pairs.dstip), port: portValue(pairs.dstport), address: pairs.dstname,
      bytes: countValue(pairs.rcvdbyte), packets: countValue(pairs.rcvdpkt),
      nat: { ip: ipValue(pairs.tranip), port: portValue(pairs.tranport) },
      user: { name: pairs.dstunauthuser },
    },
    network: { application: pairs.app },
    rule: {
      id: pairs.policyid, uuid: pairs.poluuid, name: pairs.policyname, ruleset: pairs.policytype,
      category: ruleCategory(pairs.appcat), description: pairs.comment,
    },
    file: { name: pairs.filename },
    url: { path: pairs.url },
  };
}
