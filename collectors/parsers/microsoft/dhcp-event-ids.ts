/** How one event ID of the Windows DHCP server's audit log is categorised. */
export interface DhcpEventShape {
  action?: string;
  category: string[];
  type: string[];
  outcome?: 'failure';
  reason?: string;
}

const PROCESS = ['process'];
const NETWORK = ['network'];
const ROGUE = ['authentication', 'network'];
const CONNECTION = ['connection'];
const ALLOWED = ['allowed', 'connection'];
const DENIED = ['connection', 'denied'];
const ROGUE_DETECTION = 'rogue-server-detection';

/**
 * DHCPv4 event IDs (the legend at the top of every DhcpSrvLog-*.log, Microsoft's "Analyze DHCP
 * Server Log Files"), categorised as Elastic's microsoft_dhcp integration does; the reasons are
 * our own short paraphrases of Microsoft's descriptions.
 */
export const DHCP_V4_EVENTS: Readonly<Record<string, DhcpEventShape>> = {
  '00': { action: 'log-start', category: PROCESS, type: ['start'], reason: 'The audit log was started.' },
  '01': { action: 'log-end', category: PROCESS, type: ['end'], reason: 'The audit log was stopped.' },
  '02': { action: 'log-pause', category: PROCESS, type: ['change'], outcome: 'failure', reason: 'The audit log was paused for lack of disk space.' },
  '10': { action: 'dhcp-new', category: NETWORK, type: ALLOWED, reason: 'A client was leased a new address.' },
  '11': { action: 'dhcp-renew', category: NETWORK, type: ALLOWED, reason: 'A client renewed its lease.' },
  '12': { action: 'dhcp-release', category: NETWORK, type: ALLOWED, reason: 'A client released its lease.' },
  '13': { category: NETWORK, type: CONNECTION, reason: 'The address was found in use on the network.' },
  '14': { category: NETWORK, type: DENIED, outcome: 'failure', reason: 'No lease: the scope has no free address.' },
  '15': { action: 'dhcp-deny', category: NETWORK, type: DENIED, outcome: 'failure', reason: 'A lease was denied.' },
  '16': { action: 'dhcp-delete', category: NETWORK, type: CONNECTION, reason: 'A lease was deleted.' },
  '17': { action: 'dhcp-expire', category: NETWORK, type: CONNECTION, reason: 'A lease expired; its DNS records were kept.' },
  '18': { action: 'dhcp-expire', category: NETWORK, type: CONNECTION, reason: 'A lease expired and its DNS records were deleted.' },
  '20': { category: NETWORK, type: ALLOWED, reason: 'A client was leased a BOOTP address.' },
  '21': { category: NETWORK, type: ALLOWED, reason: 'A client was leased a dynamic BOOTP address.' },
  '22': { category: NETWORK, type: DENIED, outcome: 'failure', reason: 'No BOOTP lease: the scope has no free BOOTP address.' },
  '23': { category: NETWORK, type: DENIED, outcome: 'failure', reason: 'A BOOTP address was deleted after it was found unused.' },
  '24': { action: 'ip-cleanup-start', category: PROCESS, type: ['start'], reason: 'The address clean-up began.' },
  '25': { action: 'ip-cleanup-end', category: PROCESS, type: ['start'], reason: 'Statistics of the address clean-up.' },
  '30': { action: 'dhcp-dns-update', category: NETWORK, type: CONNECTION, reason: 'A DNS update was requested from the DNS server.' },
  '31': { action: 'dhcp-dns-update', category: NETWORK, type: CONNECTION, outcome: 'failure', reason: 'A DNS update failed.' },
  '32': { action: 'dhcp-dns-update', category: NETWORK, type: CONNECTION, reason: 'A DNS update succeeded.' },
  '33': { category: NETWORK, type: CONNECTION, outcome: 'failure', reason: 'A packet was dropped by NAP policy.' },
  '34': { action: 'dhcp-dns-update', category: NETWORK, type: CONNECTION, outcome: 'failure', reason: 'A DNS update failed: the update queue is full.' },
  '35': { action: 'dhcp-dns-update', category: NETWORK, type: DENIED, outcome: 'failure', reason: 'A DNS update request failed.' },
  '36': { category: NETWORK, type: DENIED, outcome: 'failure', reason: 'A packet was dropped: the server is failover standby or the client ID hash does not match.' },
  '50': { action: ROGUE_DETECTION, category: ROGUE, type: CONNECTION, outcome: 'failure', reason: 'The server could not find the domain of its Active Directory.' },
  '51': { action: ROGUE_DETECTION, category: ROGUE, type: ALLOWED, reason: 'The server was authorised to start.' },
  '52': { action: ROGUE_DETECTION, category: ROGUE, type: CONNECTION, reason: 'Rogue server detection is disabled after an upgrade.' },
  '53': { action: ROGUE_DETECTION, category: ROGUE, type: ALLOWED, reason: 'The server started on cached authorisation: Active Directory was unreachable.' },
  '54': { action: ROGUE_DETECTION, category: ROGUE, type: DENIED, outcome: 'failure', reason: 'The server was not authorised to start.' },
  '55': { action: ROGUE_DETECTION, category: ROGUE, type: ALLOWED, reason: 'The server was authorised to start.' },
  '56': { action: ROGUE_DETECTION, category: ROGUE, type: DENIED, outcome: 'failure', reason: 'The server was not authorised and was shut down.' },
  '57': { action: ROGUE_DETECTION, category: ROGUE, type: CONNECTION, reason: 'Another authorised DHCP server serves the same domain.' },
  '58': { action: ROGUE_DETECTION, category: ROGUE, type: CONNECTION, outcome: 'failure', reason: 'The server could not find its domain.' },
  '59': { action: ROGUE_DETECTION, category: ROGUE, type: CONNECTION, outcome: 'failure', reason: 'A network failure kept the server from checking its authorisation.' },
  '60': { action: ROGUE_DETECTION, category: ROGUE, type: CONNECTION, reason: 'No domain controller with Active Directory was found.' },
  '61': { action: ROGUE_DETECTION, category: ROGUE, type: CONNECTION, reason: 'Another DHCP server of the same Active Directory domain was found.' },
  '62': { action: ROGUE_DETECTION, category: ROGUE, type: CONNECTION, reason: 'Another DHCP server was found on the network.' },
  '63': { action: ROGUE_DETECTION, category: ROGUE, type: CONNECTION, reason: 'The server is checking its authorisation again.' },
  '64': { action: ROGUE_DETECTION, category: ROGUE, type: CONNECTION, reason: 'The server has no binding that lets it serve clients.' },
};

/** DHCPv6 event IDs (DhcpV6SrvLog-*.log), categorised as Elastic's microsoft_dhcp integration does. */
export const DHCP_V6_EVENTS: Readonly<Record<string, DhcpEventShape>> = {
  '11000': { action: 'dhcpv6-solicit', category: NETWORK, type: ['connection', 'protocol'] },
  '11001': { action: 'dhcpv6-advertise', category: NETWORK, type: ['connection', 'protocol'] },
  '11002': { action: 'dhcpv6-request', category: NETWORK, type: ['connection', 'protocol'] },
  '11003': { action: 'dhcpv6-confirm', category: NETWORK, type: ['connection', 'protocol'] },
  '11004': { action: 'dhcpv6-renew', category: NETWORK, type: ['connection', 'protocol'] },
  '11005': { action: 'dhcpv6-rebind', category: NETWORK, type: ['connection', 'protocol'] },
  '11006': { action: 'dhcpv6-decline', category: NETWORK, type: ['connection', 'protocol'], outcome: 'failure' },
  '11007': { action: 'dhcpv6-release', category: NETWORK, type: CONNECTION },
  '11008': { action: 'dhcpv6-info-request', category: NETWORK, type: CONNECTION },
  '11009': { action: 'dhcpv6-scope-full', category: NETWORK, type: CONNECTION },
  '11010': { action: 'log-start', category: PROCESS, type: ['start'] },
  '11011': { action: 'log-stop', category: PROCESS, type: ['end'] },
  '11012': { action: 'log-pause', category: PROCESS, type: ['change'] },
  '11013': { action: 'log-file', category: PROCESS, type: ['info'] },
  '11014': { action: 'dhcpv6-bad-address', category: NETWORK, type: CONNECTION, outcome: 'failure' },
  '11015': { action: 'dhcpv6-address-in-use', category: NETWORK, type: CONNECTION },
  '11016': { action: 'dhcpv6-client-deleted', category: NETWORK, type: CONNECTION },
  '11017': { action: 'ipv6-dns-record-not-deleted', category: NETWORK, type: CONNECTION },
  '11018': { action: 'dhcpv6-expired', category: NETWORK, type: CONNECTION },
  '11019': { action: 'dhcpv6-lease-expired-deleted', category: NETWORK, type: CONNECTION },
  '11020': { action: 'dhcpv6-cleanup-start', category: PROCESS, type: ['start'] },
  '11021': { action: 'dhcpv6-cleanup-end', category: PROCESS, type: ['end'] },
  '11022': { action: 'ipv6-dns-update-request', category: NETWORK, type: ['connection', 'start'] },
  '11023': { action: 'ipv6-dns-update-failed', category: NETWORK, type: ['connection', 'end'], outcome: 'failure' },
  '11024': { action: 'ipv6-dns-update-successful', category: NETWORK, type: ['connection', 'end'] },
  '11028': { action: 'ipv6-dns-update-request-queue-exceeded', category: NETWORK, type: ['connection', 'end'], outcome: 'failure' },
  '11029': { action: 'ipv6-dns-update-request-failed', category: NETWORK, type: ['connection', 'end'], outcome: 'failure' },
  // Elastic spells this action "pruged"; rules written for its data search for that spelling.
  '11030': { action: 'dhcpv6-stateless-clients-pruged', category: PROCESS, type: ['change'] },
  '11031': { action: 'dhcpv6-stateless-clients-expired', category: PROCESS, type: ['change'] },
  '11032': { action: 'dhcpv6-stateless-client-info-request', category: NETWORK, type: ['info'] },
};

/** QResult of DHCPv4 lines (NAP quarantine state), as the log's own legend names it. */
export const DHCP_QUARANTINE_RESULTS: Readonly<Record<string, string>> = {
  0: 'NoQuarantine',
  1: 'Quarantine',
  2: 'Drop Packet',
  3: 'Probation',
  6: 'No Quarantine Information',
};
