import type { EcsEvent } from '../../core/domain/ecs.js';
import mappings from './field-mappings.json' with { type: 'json' };
import { pathAccessor } from './path-accessor.js';

/**
 * The Sigma log source an event belongs to, as far as its fields tell. For each part, null means
 * "cannot tell" (every rule passes on that part) and a list, even an empty one, means "known".
 */
export interface EventLogsource {
  products: string[] | null;
  categories: string[] | null;
  services: string[] | null;
}

const read = (paths: string[]): ((e: EcsEvent) => unknown) => {
  const accessors = paths.map(pathAccessor);
  return (e) => {
    for (const a of accessors) {
      const v = a(e);
      if (v !== undefined && v !== null) return v;
    }
    return undefined;
  };
};
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

// Raw Windows names (Channel, EventID) are read too, for events that keep the flattened EventLog shape.
const channelOf = read(['winlog.channel', 'Channel']);
const codeOf = read(['event.code', 'winlog.event_id', 'EventID']);
const osTypeOf = read(['host.os.type', 'host.os.family']);
const moduleOf = read(['event.module']);
const datasetOf = read(['event.dataset']);
const ecsCategoryOf = read(['event.category']);
const ecsTypeOf = read(['event.type']);
const programOf = read(['process.name', 'log.syslog.appname']);
const syslogOf = read(['log.syslog']);
const dnsQuestionOf = read(['dns.question.name']);
const hasSyslog = (e: EcsEvent): boolean => syslogOf(e) !== undefined;
const hasDnsQuestion = (e: EcsEvent): boolean => text(dnsQuestionOf(e)) !== undefined;

/** A field `deriveLogsource` reads: as one text, or as a list of texts (`list()`). */
export interface LogsourceInput {
  /** The value as a Map key; for a list, the raw value, whose elements the memo walks. */
  read: (event: EcsEvent) => unknown;
  list: boolean;
}

/** A Map key per distinct `text()` of a value: numbers stay numbers (7 and "7" only make two entries). */
const textKey =
  (reader: (e: EcsEvent) => unknown): LogsourceInput['read'] =>
  (e) => {
    const value = reader(e);
    return typeof value === 'string' || typeof value === 'number' ? value : undefined;
  };
const asText = (reader: (e: EcsEvent) => unknown): LogsourceInput => ({ read: textKey(reader), list: false });
const asList = (reader: (e: EcsEvent) => unknown): LogsourceInput => ({ read: reader, list: true });
const asFlag = (read: (e: EcsEvent) => boolean): LogsourceInput => ({ read, list: false });

/**
 * Everything `deriveLogsource` reads, so that the derivation can be remembered per combination (see
 * LogsourceMemo): events that agree on the channel and, with a channel (Windows), on the event
 * code, or without one on all other inputs, have the same log source. Fields that only count by
 * their presence are read as booleans: their values (a DNS name) would make every event a new
 * combination.
 */
export const CHANNEL_INPUT: LogsourceInput = asText(channelOf);
export const WINDOWS_INPUTS: readonly LogsourceInput[] = [asText(codeOf)];
export const OTHER_INPUTS: readonly LogsourceInput[] = [
  asText(osTypeOf),
  asText(moduleOf),
  asText(datasetOf),
  asText(programOf),
  asFlag(hasSyslog),
  asList(ecsCategoryOf),
  asList(ecsTypeOf),
  asFlag(hasDnsQuestion),
];

function invert(table: Record<string, number | number[]>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [category, ids] of Object.entries(table)) {
    for (const id of Array.isArray(ids) ? ids : [ids]) out.set(String(id), [...(out.get(String(id)) ?? []), category]);
  }
  return out;
}

const SERVICE_BY_CHANNEL = new Map<string, string>();
for (const [service, channels] of Object.entries(mappings.windows_service_channels.channels as Record<string, string | string[]>)) {
  for (const channel of Array.isArray(channels) ? channels : [channels]) SERVICE_BY_CHANNEL.set(channel.toLowerCase(), service);
}
const SYSMON_CATEGORIES = invert(mappings.sysmon_category_event_ids.event_ids as Record<string, number | number[]>);
const SECURITY_CATEGORIES = invert(mappings.windows_security_categories.event_ids as Record<string, number[]>);
const POWERSHELL_CATEGORIES = invert(
  Object.fromEntries(Object.entries(mappings.windows_powershell_categories.categories as Record<string, { EventID: number }>).map(([c, v]) => [c, v.EventID])),
);

/** Products named by `event.module` (Beats modules and our parsers). */
const PRODUCT_BY_MODULE: Record<string, string> = {
  sysmon: 'windows', security: 'windows', powershell: 'windows', windows: 'windows', winlog: 'windows',
  auditd: 'linux', iptables: 'linux', suricata: 'suricata', zeek: 'zeek', fortinet: 'fortigate', fortigate: 'fortigate', cisco: 'cisco',
  okta: 'okta', aws: 'aws', azure: 'azure', gcp: 'gcp', m365: 'm365', o365: 'm365', github: 'github',
};

/**
 * Datasets that are one product's log whatever program wrote the line: the Linux auth log, as
 * Filebeat's system module and our linux-auth enrichers name it. Without this, lines of programs not
 * named below (useradd, usermod, su, passwd) would be of no known product, and the Linux rules that
 * read the auth log (SigmaHQ's "Privileged User Has Been Created") would never be tried on them.
 */
const PRODUCT_BY_DATASET: Record<string, string> = { 'system.auth': 'linux' };

/** Linux services named after the program that logs them. */
const SERVICE_BY_PROGRAM: Record<string, string> = {
  sshd: 'sshd', sudo: 'sudo', cron: 'cron', crond: 'cron', vsftpd: 'vsftpd', clamd: 'clamav', freshclam: 'clamav',
  guacd: 'guacamole', auditd: 'auditd',
};

/** Sigma categories for ECS `event.category` values (the generic categories of the taxonomy). */
const CATEGORIES_BY_ECS: Record<string, string[]> = {
  network: ['network_connection', 'firewall'],
  web: ['webserver', 'proxy'],
  dns: ['dns', 'dns_query'],
  file: ['file_event', 'file_change', 'file_delete', 'file_rename', 'file_access'],
  registry: ['registry_event', 'registry_add', 'registry_set', 'registry_delete', 'registry_rename'],
  driver: ['driver_load'],
  library: ['image_load'],
  malware: ['antivirus'],
};

/** Every category and service this derivation can produce; rules naming others are indexed by product only. */
export const DERIVABLE_CATEGORIES = new Set([
  ...[...SYSMON_CATEGORIES.values(), ...SECURITY_CATEGORIES.values(), ...POWERSHELL_CATEGORIES.values(), ...Object.values(CATEGORIES_BY_ECS)].flat(),
  'process_creation',
]);
export const DERIVABLE_SERVICES = new Set([...SERVICE_BY_CHANNEL.values(), ...Object.values(SERVICE_BY_PROGRAM), 'syslog', 'auth']);

function windowsLogsource(channel: string, code: string | undefined): EventLogsource {
  const service = SERVICE_BY_CHANNEL.get(channel.toLowerCase());
  let categories: string[] = [];
  if (code !== undefined) {
    if (service === 'sysmon') categories = SYSMON_CATEGORIES.get(code) ?? [];
    else if (service === 'security') categories = SECURITY_CATEGORIES.get(code) ?? [];
    else if (service === 'powershell' || service === 'powershell-classic') categories = POWERSHELL_CATEGORIES.get(code) ?? [];
  }
  return { products: ['windows'], categories, services: service ? [service] : [] };
}

/** Derives product, category and service of an event from its ECS (or raw Windows) fields. */
export function deriveLogsource(event: EcsEvent): EventLogsource {
  const channel = text(channelOf(event));
  if (channel !== undefined) return windowsLogsource(channel, text(codeOf(event)));

  const products = new Set<string>();
  const services = new Set<string>();
  const categories = new Set<string>();
  const osType = text(osTypeOf(event))?.toLowerCase();
  if (osType === 'windows' || osType === 'linux' || osType === 'macos') products.add(osType);
  const module = text(moduleOf(event))?.toLowerCase();
  if (module && PRODUCT_BY_MODULE[module]) products.add(PRODUCT_BY_MODULE[module]!);
  if (module === 'auditd') services.add('auditd');
  const dataset = text(datasetOf(event))?.toLowerCase();
  if (dataset && PRODUCT_BY_DATASET[dataset]) products.add(PRODUCT_BY_DATASET[dataset]!);
  if (dataset?.includes('.')) {
    const [prefix, rest] = [dataset.slice(0, dataset.indexOf('.')), dataset.slice(dataset.indexOf('.') + 1)];
    if (PRODUCT_BY_MODULE[prefix]) products.add(PRODUCT_BY_MODULE[prefix]!);
    services.add(rest === 'system' && prefix === 'okta' ? 'okta' : rest);
  }
  const program = text(programOf(event))?.toLowerCase();
  if (program && SERVICE_BY_PROGRAM[program]) {
    services.add(SERVICE_BY_PROGRAM[program]!);
    // These daemons log through a Unix syslog: the Linux rules of their service apply.
    products.add('linux');
  }
  if (hasSyslog(event) && (products.has('linux') || products.size === 0)) services.add('syslog');

  const ecsCategories = list(ecsCategoryOf(event));
  for (const c of ecsCategories) for (const sigma of CATEGORIES_BY_ECS[c] ?? []) categories.add(sigma);
  if (ecsCategories.includes('process') && list(ecsTypeOf(event)).includes('start')) categories.add('process_creation');
  // DNS servers (BIND, Suricata) log queries as `network` events; the question is what makes them DNS.
  if (ecsCategories.length > 0 && hasDnsQuestion(event)) for (const sigma of CATEGORIES_BY_ECS.dns!) categories.add(sigma);

  return {
    products: products.size > 0 ? [...products] : null,
    categories: ecsCategories.length > 0 ? [...categories] : null,
    services: services.size > 0 ? [...services] : null,
  };
}
