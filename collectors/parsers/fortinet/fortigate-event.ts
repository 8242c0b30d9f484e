import { countValue, ipValue, portValue } from '../kv-values.js';
import { fortigateUrl } from './fortigate-url.js';

type Fields = Record<string, unknown>;

const LOGONS = new Set(['FSSO-logon', 'auth-logon']);
const LOGOFFS = new Set(['FSSO-logoff', 'auth-logout']);

function outcome(pairs: Record<string, string>): string | undefined {
  if (pairs.result === 'ERROR' || pairs.status === 'negotiate_error') return 'failure';
  if (pairs.result === 'OK' || LOGONS.has(pairs.action ?? '') || LOGOFFS.has(pairs.action ?? '')) return 'success';
  return undefined;
}

function categorisation(pairs: Record<string, string>): { category: string[]; type: string[] } {
  const category: string[] = [];
  const type: string[] = [];
  const action = pairs.action ?? '';
  if (LOGONS.has(action)) type.push('start');
  if (LOGOFFS.has(action)) type.push('end');
  if (pairs.subtype === 'vpn') {
    type.push('connection');
    category.push('network');
  }
  if (action === 'perf-stats') {
    type.push('info');
    category.push('host');
  }
  if (pairs.subtype === 'update') {
    type.push('info');
    category.push('host', 'malware');
  }
  if (pairs.subtype === 'user') category.push('authentication');
  return { category, type };
}

/**
 * Event logs (system, user, vpn, endpoint, ...) as Elastic's event pipeline maps them. A VPN log
 * names the remote peer `remip` and the FortiGate `locip`; Elastic makes the peer the source, and so
 * do we, keeping the user on the source side.
 */
export function eventFields(pairs: Record<string, string>): Fields {
  const { category, type } = categorisation(pairs);
  const vpn = pairs.subtype === 'vpn';
  const user = { name: vpn ? pairs.eapuser ?? pairs.xauthuser ?? pairs.user : pairs.user, group: { name: pairs.group } };
  const local = {
    ip: ipValue(pairs.srcip ?? pairs.locip), port: portValue(pairs.srcport ?? pairs.locport), mac: pairs.srcmac ?? pairs.source_mac,
    address: pairs.saddr, bytes: countValue(pairs.sentbyte),
  };
  const remote = {
    ip: ipValue(pairs.dstip ?? pairs.remip), port: portValue(pairs.dstport ?? pairs.remport), bytes: countValue(pairs.rcvdbyte),
    address: pairs.daddr ?? pairs.dst_host,
  };
  return {
    event: {
      outcome: outcome(pairs),
      category: category.length > 0 ? category : undefined,
      type: type.length > 0 ? type : undefined,
      action: pairs.eventtype,
    },
    source: vpn ? { ...remote, user } : { ...local, user },
    destination: vpn ? local : remote,
    rule: { id: pairs.policyid, description: pairs.logdesc },
    file: { name: pairs.file, size: countValue(pairs.filesize) },
    user_agent: { original: pairs.agent },
    url: fortigateUrl(pairs.url, pairs.hostname),
    error: { code: pairs.error_num },
  };
}
