import { emptyDraft, port, userName, type AsaDraft } from './asa-draft.js';

// Message formats from Cisco's "Cisco Secure Firewall ASA Series Syslog Messages" guide, read with the
// same groups Elastic's cisco_asa pipeline takes from them. Building blocks are bounded and never nest
// quantifiers, so a hostile line cannot make matching expensive.
const IFACE = '([^:\\s/]{1,64})';
const ADDR = '([^\\s/()<>,]{1,255})';
const PORT = '(\\d{1,5})';
const WORD = '(\\S{1,64})';

function pattern(source: string): RegExp {
  return new RegExp(`^${source}`);
}

type MessageReader = (message: string) => AsaDraft | undefined;

function draft(build: (d: AsaDraft) => void): AsaDraft {
  const d = emptyDraft();
  build(d);
  return d;
}

// --- Connections denied by the access rules ----------------------------------------------------------

// ASA writes "Inbound TCP connection denied"; the direction is lower-cased later.
const R106001 = pattern(`([Ii]nbound|[Oo]utbound) ${WORD} connection denied from ${ADDR}/${PORT} to ${ADDR}/${PORT} flags .{0,200} on interface ${WORD}$`);
const R106006 = pattern(`Deny (inbound|outbound) ${WORD} from ${ADDR}/${PORT} to ${ADDR}/${PORT} on interface ${WORD}$`);
const R106007 = pattern(`Deny (inbound|outbound) ${WORD} from ${ADDR}/${PORT} to ${ADDR}/${PORT} due to ${WORD}`);
const R106010 = pattern(`Deny (inbound|outbound) (?:protocol (\\d{1,3})|${WORD}) src ${IFACE}:${ADDR}(?:/${PORT})? (?:\\S{1,64} )?dst ${IFACE}:${ADDR}(?:/${PORT})?`);
const R106014 = pattern(`Deny (inbound|outbound) ${WORD} src ${IFACE}:${ADDR} (?:\\S{1,64} )?dst ${IFACE}:${ADDR}`);
const R106015 = pattern(`Deny ${WORD} \\(no connection\\) from ${ADDR}/${PORT} to ${ADDR}/${PORT} flags .{0,200} on interface ${WORD}$`);
const R106021 = pattern(`Deny ${WORD} reverse path check from ${ADDR} to ${ADDR} on interface ${WORD}$`);
const R106023 = pattern(`Deny (?:protocol (\\d{1,3})|${WORD}) src ${IFACE}:${ADDR}(?:/${PORT})?\\s{0,4}(?:\\(([^)]{1,255})\\) )?dst ${IFACE}:${ADDR}(?:/${PORT})?[^"]{0,200}by access-group "([^"\\s]{1,128})"`);
const R106100 = pattern(`access-list (\\S{1,128}) (permitted|denied|est-allowed) ${WORD} ([^/\\s]{1,64})/${ADDR}\\(${PORT}\\)[^>]{0,64}-> ([^/\\s]{1,64})/${ADDR}\\(${PORT}\\)`);
const R710003 = pattern(`${WORD} access denied by ACL from ${ADDR}/${PORT} to ${IFACE}:${ADDR}/${PORT}$`);

const deny106001: MessageReader = (m) => {
  const r = R106001.exec(m);
  return r ? draft((d) => {
    [, d.direction, d.transport] = r;
    d.source = { address: r[3], port: port(r[4]), interface: r[7] };
    d.destination = { address: r[5], port: port(r[6]) };
  }) : undefined;
};

const deny106006: MessageReader = (m) => {
  const r = R106006.exec(m);
  return r ? draft((d) => {
    [, d.direction, d.transport] = r;
    d.source = { address: r[3], port: port(r[4]), interface: r[7] };
    d.destination = { address: r[5], port: port(r[6]) };
  }) : undefined;
};

const deny106007: MessageReader = (m) => {
  const r = R106007.exec(m);
  return r ? draft((d) => {
    [, d.direction, d.transport] = r;
    d.source = { address: r[3], port: port(r[4]) };
    d.destination = { address: r[5], port: port(r[6]) };
    d.fields.network = { protocol: r[7]!.toLowerCase() };
  }) : undefined;
};

const deny106010: MessageReader = (m) => {
  const r = R106010.exec(m);
  return r ? draft((d) => {
    d.direction = r[1];
    d.ianaNumber = r[2];
    d.transport = r[3];
    d.source = { interface: r[4], address: r[5], port: port(r[6]) };
    d.destination = { interface: r[7], address: r[8], port: port(r[9]) };
  }) : undefined;
};

const deny106014: MessageReader = (m) => {
  const r = R106014.exec(m);
  return r ? draft((d) => {
    [, d.direction, d.transport] = r;
    d.source = { interface: r[3], address: r[4] };
    d.destination = { interface: r[5], address: r[6] };
  }) : undefined;
};

const deny106015: MessageReader = (m) => {
  const r = R106015.exec(m);
  return r ? draft((d) => {
    d.transport = r[1];
    d.source = { address: r[2], port: port(r[3]), interface: r[6] };
    d.destination = { address: r[4], port: port(r[5]) };
  }) : undefined;
};

const deny106021: MessageReader = (m) => {
  const r = R106021.exec(m);
  return r ? draft((d) => {
    d.transport = r[1];
    d.source = { address: r[2], interface: r[4] };
    d.destination = { address: r[3] };
  }) : undefined;
};

const deny106023: MessageReader = (m) => {
  const r = R106023.exec(m);
  return r ? draft((d) => {
    d.ianaNumber = r[1];
    d.transport = r[2];
    d.source = { interface: r[3], address: r[4], port: port(r[5]), user: userName(r[6]) };
    d.destination = { interface: r[7], address: r[8], port: port(r[9]) };
    d.fields.cisco = { asa: { rule_name: r[10] } };
  }) : undefined;
};

const accessList106100: MessageReader = (m) => {
  const r = R106100.exec(m);
  return r ? draft((d) => {
    d.fields.cisco = { asa: { rule_name: r[1] } };
    d.verdict = r[2];
    d.transport = r[3];
    d.source = { interface: r[4], address: r[5], port: port(r[6]) };
    d.destination = { interface: r[7], address: r[8], port: port(r[9]) };
  }) : undefined;
};

const deny710003: MessageReader = (m) => {
  const r = R710003.exec(m);
  return r ? draft((d) => {
    d.transport = r[1];
    d.source = { address: r[2], port: port(r[3]) };
    d.destination = { interface: r[4], address: r[5], port: port(r[6]) };
  }) : undefined;
};

// --- Connections built and torn down ----------------------------------------------------------------

const SIDE = `${IFACE}:${ADDR}/${PORT} \\(${ADDR}/${PORT}\\)(?:\\(([^)]{1,255})\\))?`;
const R302013 = pattern(`Built (inbound|outbound) ${WORD} connection (\\d{1,20}) for ${SIDE} to ${SIDE}`);
const R302014 = pattern(`Teardown ${WORD} (?:state-bypass )?connection (\\S{1,20}) (?:for|from) ${IFACE}:${ADDR}/${PORT}\\s{0,4}(?:\\(([^)]{1,255})\\) )?to ${IFACE}:${ADDR}/${PORT}\\s{0,4}(?:\\(([^)]{1,255})\\) )?duration (\\d{1,6}:\\d{2}:\\d{2}) bytes (\\d{1,20})(.{0,400})$`);
const R30202X = pattern(`(Built|Teardown) (?:(inbound|outbound) )?${WORD} connection for faddr (?:${IFACE}:)?${ADDR}/\\d{1,5}\\s{0,4}(?:\\([^)]{1,255}\\) )?gaddr (?:${IFACE}:)?${ADDR}/\\d{1,5} laddr (?:${IFACE}:)?${ADDR}/\\d{1,5}\\s{0,4}(?:\\([^)]{1,255}\\))?(?:\\s{0,4}type (\\d{1,3}) code (\\d{1,3}))?`);
const R305011 = pattern(`Built \\S{1,32} ${WORD} translation from ${IFACE}:${ADDR}/${PORT}(?:\\(([^)]{1,255})\\))? to ${IFACE}:${ADDR}/${PORT}$`);
const R305012 = pattern(`Teardown \\S{1,32} ${WORD} translation from ${IFACE}:${ADDR}/${PORT}(?:\\s{0,4}\\(([^)]{1,255})\\))? to ${IFACE}:${ADDR}/${PORT} duration (\\d{1,6}:\\d{2}:\\d{2})$`);
const R609001 = pattern(`Built local-host ${IFACE}:${ADDR}$`);
const R609002 = pattern(`Teardown local-host ${IFACE}:${ADDR} duration (\\d{1,6}:\\d{2}:\\d{2})$`);

const built302013: MessageReader = (m) => {
  const r = R302013.exec(m);
  return r ? draft((d) => {
    [, d.direction, d.transport] = r;
    // The first endpoint is the outside one; for an outbound connection the inside one initiated it,
    // so it is the source (Cisco's syslog guide on 302013, and Elastic's mapping).
    const first = { interface: r[4], address: r[5], port: port(r[6]), mappedAddress: r[7], mappedPort: port(r[8]), user: userName(r[9]) };
    const second = { interface: r[10], address: r[11], port: port(r[12]), mappedAddress: r[13], mappedPort: port(r[14]), user: userName(r[15]) };
    const outbound = r[1] === 'outbound';
    d.source = outbound ? second : first;
    d.destination = outbound ? first : second;
    d.fields.cisco = { asa: { connection_id: r[3] } };
  }) : undefined;
};

/** The words after `bytes N`: a reason, possibly `from <initiator>` and a `(user)`. */
function teardownReason(rest: string, d: AsaDraft): void {
  let text = rest.trim();
  const user = /\(([^()]{1,255})\)$/.exec(text);
  const asa: Record<string, unknown> = {};
  if (user) {
    asa.termination_user = user[1];
    text = text.slice(0, user.index).trim();
  }
  const from = text.lastIndexOf(' from ');
  if (from >= 0) {
    asa.termination_initiator = text.slice(from + ' from '.length);
    text = text.slice(0, from);
  }
  if (text !== '') d.fields.event = { reason: text };
  d.fields.cisco = { asa: { ...(d.fields.cisco as { asa?: object } | undefined)?.asa, ...asa } };
}

const teardown302014: MessageReader = (m) => {
  const r = R302014.exec(m);
  return r ? draft((d) => {
    d.transport = r[1];
    d.source = { interface: r[3], address: r[4], port: port(r[5]), user: userName(r[6]) };
    d.destination = { interface: r[7], address: r[8], port: port(r[9]), user: userName(r[10]) };
    d.duration = r[11];
    d.fields.network = { bytes: Number(r[12]) };
    d.fields.cisco = { asa: { connection_id: r[2] } };
    teardownReason(r[13]!, d);
  }) : undefined;
};

const icmp30202x: MessageReader = (m) => {
  const r = R30202X.exec(m);
  return r ? draft((d) => {
    // Elastic reads the built message's protocol as network.type and the teardown's as the transport.
    if (r[1] === 'Built') d.fields.network = { type: r[3]!.toLowerCase() };
    else d.transport = r[3];
    d.direction = r[2];
    d.destination = { address: r[5] };
    d.source = { address: r[9], interface: r[8] ?? r[4], mappedAddress: r[7] };
    const icmp = r[10] === undefined ? {} : { icmp_type: Number(r[10]), icmp_code: Number(r[11]) };
    d.fields.cisco = { asa: icmp };
  }) : undefined;
};

const nat305011: MessageReader = (m) => {
  const r = R305011.exec(m);
  return r ? draft((d) => {
    d.transport = r[1];
    d.source = { interface: r[2], address: r[3], port: port(r[4]), user: userName(r[5]) };
    d.destination = { interface: r[6], address: r[7], port: port(r[8]) };
  }) : undefined;
};

const nat305012: MessageReader = (m) => {
  const r = R305012.exec(m);
  return r ? draft((d) => {
    d.transport = r[1];
    d.source = { interface: r[2], address: r[3], port: port(r[4]), user: userName(r[5]) };
    d.destination = { interface: r[6], address: r[7], port: port(r[8]) };
    d.duration = r[9];
  }) : undefined;
};

const localHost609001: MessageReader = (m) => {
  const r = R609001.exec(m);
  return r ? draft((d) => {
    d.source = { interface: r[1], address: r[2] };
  }) : undefined;
};

const localHost609002: MessageReader = (m) => {
  const r = R609002.exec(m);
  return r ? draft((d) => {
    d.source = { interface: r[1], address: r[2] };
    d.duration = r[3];
  }) : undefined;
};

// --- Authentication and VPN sessions ----------------------------------------------------------------

const R113004 = pattern(`AAA user (\\S{1,32}) Successful ?: server = {0,4}${ADDR} [:,] [Uu]ser = (.{1,255})$`);
const R113005 = pattern(`AAA user (?:authentication|authorization) Rejected ?: reason = ([^:]{1,128}?) ?: server = {0,4}${ADDR} ?: user = ?([^:]{0,255}?) ?: user IP = ${ADDR}$`);
const R113015 = pattern(`AAA user authentication Rejected ?: reason = ([^:]{1,128}?) ?: local database ?: [Uu]ser = ([^:]{1,255}?) ?: [Uu]ser IP = ${ADDR}$`);
const R113019 = pattern(`Group = ([^,]{1,128}), Username = ([^,]{1,255}), IP = ${ADDR}, Session disconnected\\. Session Type: ([^,]{1,64}), Duration: ([\\dhms:]{1,20}), Bytes xmt: (\\d{1,20}), Bytes rcv: (\\d{1,20}), Reason: (.{1,255})$`);
const R611101 = pattern(`User authentication (?:succeeded|failed): IP address: ${ADDR}, Uname: (.{1,255})$`);
const GROUP_USER_IP_BRACKETED = /^Group <([^<>]{1,128})> User <([^<>]{0,255})> IP <([^<>]{1,64})> (.{0,1000})$/;
const GROUP_USER_IP = /^Group (\S{1,128}) User (\S{1,255}) IP (\S{1,64}) (.{0,1000})$/;
const R722051_ADDRESS = /^IPv4 Address <([^<>]{1,64})>/;
const R734001 = pattern(`DAP: User ([^,]{1,255}), Addr ${ADDR}, Connection ([^:]{1,64}): The following DAP records were selected for this connection: (.{0,2000})$`);
const R733100 = /^\[\s{0,64}([^\]]{1,128})\] drop (\S{1,32}) exceeded\. Current burst rate is (-?\d{1,10}) per second, max configured rate is (-?\d{1,10}); Current average rate is (-?\d{1,10}) per second, max configured rate is (-?\d{1,10}); Cumulative total count is (-?\d{1,20})$/;

const aaa113004: MessageReader = (m) => {
  const r = R113004.exec(m);
  return r ? draft((d) => {
    d.destination = { address: r[2] };
    d.source = { user: userName(r[3]) };
    d.fields.cisco = { asa: { aaa_type: r[1] } };
  }) : undefined;
};

const aaa113005: MessageReader = (m) => {
  const r = R113005.exec(m);
  return r ? draft((d) => {
    d.destination = { address: r[2] };
    d.source = { user: userName(r[3]), address: r[4] === 'None' ? undefined : r[4] };
    d.fields.cisco = { asa: { rejection_reason: r[1] } };
  }) : undefined;
};

const aaa113015: MessageReader = (m) => {
  const r = R113015.exec(m);
  return r ? draft((d) => {
    d.source = { user: userName(r[2]), address: r[3] };
    d.fields.cisco = { asa: { rejection_reason: r[1] } };
  }) : undefined;
};

const vpn113019: MessageReader = (m) => {
  const r = R113019.exec(m);
  return r ? draft((d) => {
    // ASA counts bytes from its side: "xmt" went to the peer, "rcv" came from it (Elastic's reading).
    d.source = { user: userName(r[2]), bytes: Number(r[6]) };
    d.destination = { address: r[3], bytes: Number(r[7]) };
    d.duration = r[5];
    d.fields.source = { user: { group: { name: r[1] } } };
    d.fields.event = { reason: r[8] };
    d.fields.cisco = { asa: { session_type: r[4] } };
  }) : undefined;
};

const login611101: MessageReader = (m) => {
  const r = R611101.exec(m);
  return r ? draft((d) => {
    d.source = { address: r[1] };
    d.fields.server = { user: { name: r[2] } };
  }) : undefined;
};

function groupUserIp(m: string): RegExpExecArray | null {
  return GROUP_USER_IP_BRACKETED.exec(m) ?? GROUP_USER_IP.exec(m);
}

const webvpn716: MessageReader = (m) => {
  const r = groupUserIp(m);
  return r ? draft((d) => {
    d.source = { address: r[3], user: userName(r[2]) };
    const reason = /^WebVPN session (?:terminated|started)(?:: (.{1,255}?))?\.?$/.exec(r[4]!);
    d.fields.cisco = { asa: { webvpn: { group_name: r[1] } } };
    if (reason?.[1] !== undefined) d.fields.event = { reason: reason[1] };
  }) : undefined;
};

const svc722: MessageReader = (m) => {
  const r = groupUserIp(m);
  return r ? draft((d) => {
    d.source = { address: r[3], user: userName(r[2]) };
    d.fields.source = { user: { group: { name: r[1] } } };
    d.fields.event = { reason: r[4] };
    const assigned = R722051_ADDRESS.exec(r[4]!);
    if (assigned) d.fields.cisco = { asa: { assigned_ip: assigned[1] } };
  }) : undefined;
};

const dap734001: MessageReader = (m) => {
  const r = R734001.exec(m);
  return r ? draft((d) => {
    d.source = { address: r[2] };
    d.fields.user = { email: r[1] };
    d.fields.cisco = { asa: { connection_type: r[3], dap_records: r[4]!.split(/, {1,8}/) } };
  }) : undefined;
};

const burst733100: MessageReader = (m) => {
  const r = R733100.exec(m);
  return r ? draft((d) => {
    d.fields.cisco = {
      asa: {
        burst: {
          object: r[1]!.trim(), id: r[2], current_rate: r[3], configured_rate: r[4],
          avg_rate: r[5], configured_avg_rate: r[6], cumulative_count: r[7],
        },
      },
    };
  }) : undefined;
};

/** The message ids this parser reads field by field; others keep only their id, level and text. */
export const asaMessageReaders: ReadonlyMap<string, MessageReader> = new Map([
  ['106001', deny106001], ['106006', deny106006], ['106007', deny106007], ['106010', deny106010],
  ['106014', deny106014], ['106015', deny106015], ['106021', deny106021], ['106023', deny106023],
  ['106100', accessList106100], ['710003', deny710003],
  ['302013', built302013], ['302015', built302013], ['302014', teardown302014], ['302016', teardown302014],
  ['302018', teardown302014], ['302020', icmp30202x], ['302021', icmp30202x],
  ['305011', nat305011], ['305012', nat305012], ['609001', localHost609001], ['609002', localHost609002],
  ['113004', aaa113004], ['113005', aaa113005], ['113015', aaa113015], ['113019', vpn113019],
  ['611101', login611101], ['611102', login611101], ['716001', webvpn716], ['716002', webvpn716],
  ['722022', svc722], ['722023', svc722], ['722051', svc722], ['734001', dap734001], ['733100', burst733100],
]);
