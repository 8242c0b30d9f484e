import { pathAccessor, type Accessor } from './path-accessor.js';

/**
 * Turns an ECS value back into the form a Sigma rule expects, where an ingest pipeline (Winlogbeat,
 * Elastic Agent) stores a field's value transformed rather than copied. A form builds a reader for
 * the ECS path the field is mapped to; it yields undefined when the ECS value has no Sigma form, so
 * the candidate counts as absent. docs/field-mapping.md says which pipeline step each form undoes.
 */
export type ValueForm = (path: string) => Accessor;

/** The path next to `path`: `sibling('user.name', 'domain')` is `user.domain`. */
function sibling(path: string, name: string): string {
  return path.slice(0, path.lastIndexOf('.') + 1) + name;
}

/** Where a value is stored as one of a few words: the words back to the Sigma values, others absent. */
function fromWords(words: Readonly<Record<string, string>>): ValueForm {
  return (path) => {
    const read = pathAccessor(path);
    return (event) => {
      const value = read(event);
      return typeof value === 'string' ? words[value.toLowerCase()] : undefined;
    };
  };
}

/** Where a value may have been renamed or renumbered: known spellings mapped, anything else as it is. */
function translated(table: ReadonlyMap<string, string>): ValueForm {
  return (path) => {
    const read = pathAccessor(path);
    return (event) => {
      const value = read(event);
      if (typeof value !== 'string' && typeof value !== 'number') return value;
      return table.get(String(value).toLowerCase()) ?? value;
    };
  };
}

/** Sysmon's `Initiated` ('true' for outbound): Winlogbeat's sysmon pipeline writes `network.direction`. */
const initiatedFromDirection = fromWords({ egress: 'true', ingress: 'false' });

/** Sysmon's `SourceIsIpv6`/`DestinationIsIpv6`: the pipeline writes `network.type` ipv4/ipv6 instead. */
const isIpv6FromNetworkType = fromWords({ ipv6: 'true', ipv4: 'false' });

/** IANA protocol numbers (iana.org/assignments/protocol-numbers) to the names ECS `network.transport` uses. */
const TRANSPORTS = new Map([
  ['1', 'icmp'], ['2', 'igmp'], ['6', 'tcp'], ['17', 'udp'], ['41', 'ipv6'], ['47', 'gre'], ['50', 'esp'], ['51', 'ah'],
  ['58', 'ipv6-icmp'], ['132', 'sctp'],
]);

/** Windows SECURITY_LOGON_TYPE (ntsecapi.h) names, as `winlog.logon.type` holds them, to the LogonType numbers. */
const LOGON_TYPES = new Map(
  ['Interactive', 'Network', 'Batch', 'Service', 'Proxy', 'Unlock', 'NetworkCleartext', 'NewCredentials', 'RemoteInteractive', 'CachedInteractive', 'CachedRemoteInteractive', 'CachedUnlock'].map(
    (name, i) => [name.toLowerCase(), String(i + 2)],
  ),
);

/** Sysmon's `User` is `DOMAIN\name`; the pipeline splits it into `user.domain` and `user.name`. */
const domainQualifiedUser: ValueForm = (path) => {
  const readName = pathAccessor(path);
  const readDomain = pathAccessor(sibling(path, 'domain'));
  return (event) => {
    const name = readName(event);
    if (typeof name !== 'string') return name;
    const domain = readDomain(event);
    return typeof domain === 'string' && domain !== '' ? `${domain}\\${name}` : name;
  };
};

const HASH_KEYS = ['sha1', 'md5', 'sha256'] as const;

/**
 * Sysmon's `Hashes` (`SHA1=..,MD5=..,SHA256=..,IMPHASH=..`, upper case): the pipeline splits it into
 * `<path>.sha1|md5|sha256` and `<parent>.pe.imphash`, lowercased. Rebuilt in Sysmon's order and case,
 * so `Hashes|contains: 'IMPHASH=...'` finds it; hashes Sysmon was not asked for are left out, as Sysmon does.
 * The hashes are read from their object in one walk: rules read `Hashes` for most Windows events.
 */
const sysmonHashes: ValueForm = (path) => {
  const readHashes = pathAccessor(path);
  const readImphash = pathAccessor(`${path.slice(0, path.lastIndexOf('.'))}.pe.imphash`);
  return (event) => {
    const hashes = readHashes(event);
    const imphash = readImphash(event);
    let text = '';
    if (hashes !== null && typeof hashes === 'object') {
      for (const key of HASH_KEYS) {
        const hash = (hashes as Record<string, unknown>)[key];
        if (typeof hash === 'string') text += `${text ? ',' : ''}${key.toUpperCase()}=${hash.toUpperCase()}`;
      }
    }
    if (typeof imphash === 'string') text += `${text ? ',' : ''}IMPHASH=${imphash.toUpperCase()}`;
    return text === '' ? undefined : text;
  };
};

/** Security events write process ids as hex (`0x1a2c`); the pipeline stores them as numbers. */
const windowsHex: ValueForm = (path) => {
  const read = pathAccessor(path);
  return (event) => {
    const value = read(event);
    return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? `0x${value.toString(16)}` : value;
  };
};

/**
 * Sysmon's registry `Details` (`DWORD (0x00000001)`, or the text of a string value): the pipeline
 * writes `registry.data.strings` with the DWORD as a decimal and `registry.data.type`. QWORDs are
 * left absent: the pipeline's arithmetic on them cannot be undone.
 */
const registryDetails: ValueForm = (path) => {
  const read = pathAccessor(path);
  const readType = pathAccessor(sibling(path, 'type'));
  return (event) => {
    const value = read(event);
    const type = readType(event);
    if (type === 'SZ_QWORD') return undefined;
    if (type !== 'SZ_DWORD') return value;
    const number = Number(Array.isArray(value) ? value[0] : value);
    return Number.isSafeInteger(number) && number >= 0 ? `DWORD (0x${number.toString(16).padStart(8, '0')})` : undefined;
  };
};

export const VALUE_FORMS: ReadonlyMap<string, ValueForm> = new Map([
  ['initiated-from-direction', initiatedFromDirection],
  ['is-ipv6-from-network-type', isIpv6FromNetworkType],
  ['transport-name', translated(TRANSPORTS)],
  ['logon-type-number', translated(LOGON_TYPES)],
  ['domain-qualified-user', domainQualifiedUser],
  ['sysmon-hashes', sysmonHashes],
  ['windows-hex', windowsHex],
  ['registry-details', registryDetails],
]);
