import type { Alert } from '../../core/domain/alert.js';
import { getField, type EcsEvent } from '../../core/domain/ecs.js';
import { isInternalAddress, parseIp } from '../../core/net/ip-address.js';

/**
 * The ECS fields that name who or what an alert is about. Two alerts of one organisation that share
 * a value of any of these belong to the same story. Process names are left out on purpose: every
 * Windows alert names powershell.exe or cmd.exe, and linking by them would merge unrelated stories.
 */
export const ENTITY_FIELDS = [
  'source.ip',
  'destination.ip',
  'host.name',
  'user.name',
  'user.target.name',
  'dns.question.name',
  'url.domain',
  'file.hash.sha256',
  'file.hash.sha1',
  'file.hash.md5',
  'process.hash.sha256',
] as const;

/** Fields whose value points outside the organisation: the ones that can tie organisations into a campaign. */
const INDICATOR_FIELDS: ReadonlySet<string> = new Set(['source.ip', 'destination.ip', 'dns.question.name', 'url.domain', 'file.hash.sha256', 'file.hash.sha1', 'file.hash.md5', 'process.hash.sha256']);

/**
 * Accounts and placeholders every host has: an intrusion that becomes root proves nothing about
 * another host's root. Machine accounts (`FS01$`) are host identities, already linked by host.name.
 */
const SHARED_ACCOUNTS: ReadonlySet<string> = new Set(['root', 'system', 'local service', 'network service', 'anonymous logon', 'nt authority\\system', '-', 'n/a', 'unknown', 'nobody']);

/** Bounds the work per alert: a correlation over a scan may carry many events. */
const MAX_ENTITIES_PER_ALERT = 24;

/**
 * The entities of an alert as `field=value`, sorted: its group-by values first, then what its events
 * name. Values are lower-cased where ECS treats them case-insensitively (host, user, domain, hash),
 * so `FS01` and `fs01` are one host. With `organizationId`, only that organisation's events count
 * (a campaign alert carries several organisations' events).
 */
export function entitiesOf(alert: Alert, organizationId?: string): string[] {
  const entities = new Set<string>();
  for (const [field, value] of Object.entries(alert.group ?? {})) add(entities, field, value);
  for (const event of alert.events ?? []) {
    if (organizationId !== undefined && eventOrganisation(event) !== organizationId) continue;
    const resolverQuery = isDnsQuery(event);
    for (const field of ENTITY_FIELDS) if (!(resolverQuery && field === 'destination.ip')) add(entities, field, getField(event, field));
    if (entities.size >= MAX_ENTITIES_PER_ALERT) break;
  }
  return [...entities].sort().slice(0, MAX_ENTITIES_PER_ALERT);
}

/** Entities that can link organisations: public addresses, domains and hashes, never a host or account name. */
export function indicatorsOf(entities: readonly string[]): string[] {
  return entities.filter((entity) => {
    const field = entity.slice(0, entity.indexOf('='));
    if (!INDICATOR_FIELDS.has(field)) return false;
    if (field !== 'source.ip' && field !== 'destination.ip') return true;
    return isPublicAddress(entity.slice(field.length + 1));
  });
}

function add(entities: Set<string>, field: string, raw: unknown): void {
  if (!(ENTITY_FIELDS as readonly string[]).includes(field)) return;
  const values = Array.isArray(raw) ? raw : [raw];
  for (const value of values) {
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const normalised = normalise(field, String(value).trim());
    if (normalised !== undefined) entities.add(`${field}=${normalised}`);
  }
}

function normalise(field: string, value: string): string | undefined {
  if (value === '' || value.length > 256) return undefined;
  if (field === 'source.ip' || field === 'destination.ip') return parseIp(value) === undefined ? undefined : value.toLowerCase();
  const lower = value.toLowerCase();
  if (field === 'user.name' || field === 'user.target.name') return SHARED_ACCOUNTS.has(lower) || lower.endsWith('$') ? undefined : lower;
  return lower.replace(/\.$/, '');
}

/**
 * A DNS query as the resolver (or a sensor in front of it) logs it: its destination is the resolver,
 * which every query of the organisation names. As an entity it would tie every DNS alert of the day
 * into one story; the client and the question name are what the query is about.
 */
function isDnsQuery(event: EcsEvent): boolean {
  return getField(event, 'dns.type') === 'query' && getField(event, 'dns.question.name') !== undefined;
}

function eventOrganisation(event: EcsEvent): unknown {
  return getField(event, 'organization.id');
}

function isPublicAddress(value: string): boolean {
  const ip = parseIp(value);
  return ip !== undefined && !isInternalAddress(ip);
}
