import { countValue, ipValue } from '../kv-values.js';
import { macValue } from './sophos-values.js';

type Fields = Record<string, unknown>;

// Message ids of logins and logouts (firewall, VPN, SSL VPN, ... authentication), Sophos syslog guide.
const LOGINS = new Set(['17701', '17704', '17707', '17710', '17713']);
const LOGOUTS = new Set(['17703', '17706', '17709', '17712', '17715']);
const TUNNEL_CLIENTS = new Set(['SSLVPN', 'IPSec', 'Thin Client', 'Radius SSO']);
const ADMIN_LOGIN = '17507';

function outcome(pairs: Record<string, string>, code: string): string | undefined {
  const counted = pairs.log_subtype === 'Authentication' || (pairs.log_subtype === 'Admin' && code === ADMIN_LOGIN);
  if (!counted) return undefined;
  if (pairs.status === 'Successful') return 'success';
  if (pairs.status === 'Failed') return 'failure';
  return undefined;
}

/**
 * Event logs (authentication, admin, DHCP, VPN, system) as Elastic's event pipeline maps them:
 * authentication with its outcome, logins start and logouts end a session, tunnel clients also
 * open a network connection; the acting user becomes `user.name` for authentications and
 * administrator actions; tunnel and RED logs carry their byte counts.
 */
export function eventFields(pairs: Record<string, string>, code: string): Fields {
  const category: string[] = [];
  const type: string[] = [];
  if (LOGINS.has(code)) type.push('start');
  if (LOGOUTS.has(code)) type.push('end');
  if (TUNNEL_CLIENTS.has(pairs.auth_client ?? '')) {
    type.push('connection');
    category.push('network');
  }
  const authentication = pairs.log_subtype === 'Authentication';
  // Elastic leaves administrator logins (17507) uncategorised; they are authentications all the same.
  if (authentication || code === ADMIN_LOGIN) category.push('authentication');
  if (code === '17819') {
    type.push('info');
    category.push('host', 'malware');
  }
  const userName = pairs.name ?? pairs.user_name;
  return {
    event: {
      outcome: outcome(pairs, code), category: category.length > 0 ? category : undefined, type: type.length > 0 ? type : undefined,
    },
    source: {
      ip: ipValue(pairs.src_ip ?? pairs.remoteinterfaceip), mac: macValue(pairs.src_mac), bytes: countValue(pairs.sent_bytes),
      user: { name: userName, group: { name: pairs.usergroupname } },
    },
    destination: { ip: ipValue(pairs.dst_ip ?? pairs.localinterfaceip), bytes: countValue(pairs.recv_bytes) },
    user: { name: authentication || pairs.log_subtype === 'Admin' ? userName : undefined },
    message: pairs.message,
  };
}
