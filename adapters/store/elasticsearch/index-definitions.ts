import type { estypes } from '@elastic/elasticsearch';
import type { IndexNames } from './index-names.js';

type Mapping = estypes.MappingTypeMapping;
type Property = estypes.MappingProperty;

const keyword: Property = { type: 'keyword', ignore_above: 1024 };
const date: Property = { type: 'date' };
const long: Property = { type: 'long' };
const ip: Property = { type: 'ip' };
const bool: Property = { type: 'boolean' };
/** Stored in _source for display and evidence, never searched. */
const stored: Property = { type: 'keyword', index: false, doc_values: false };
const textWithKeyword: Property = { type: 'text', fields: { keyword } };

function object(properties: Record<string, Property>): Property {
  return { properties };
}

const endpoint = object({
  ip,
  port: long,
  address: keyword,
  domain: keyword,
  mac: keyword,
  bytes: long,
  packets: long,
  user: object({ name: keyword, domain: keyword }),
  geo: object({ country_iso_code: keyword, city_name: keyword }),
  as: object({ number: long, organization: object({ name: keyword }) }),
});

/**
 * ECS field types (https://www.elastic.co/guide/en/ecs/current/ecs-field-reference.html) for the
 * fields detection, triage and hunting query. `dynamic: false` keeps every other field in _source
 * but out of the mapping: field names come from log lines an attacker can write, and dynamic
 * mapping would let them explode the field count or fix a field's type before a parser does.
 */
const eventMapping: Mapping = {
  dynamic: false,
  properties: {
    '@timestamp': date,
    message: { type: 'text' },
    tags: keyword,
    event: object({
      id: keyword,
      kind: keyword,
      category: keyword,
      type: keyword,
      action: keyword,
      outcome: keyword,
      code: keyword,
      dataset: keyword,
      module: keyword,
      provider: keyword,
      reason: keyword,
      severity: long,
      original: stored,
      created: date,
      ingested: date,
    }),
    organization: object({ id: keyword, name: keyword }),
    source: endpoint,
    destination: endpoint,
    client: endpoint,
    server: endpoint,
    host: object({ name: keyword, hostname: keyword, ip, os: object({ name: keyword, family: keyword }) }),
    user: object({ name: keyword, domain: keyword, id: keyword, target: object({ name: keyword }) }),
    process: object({
      name: keyword,
      pid: long,
      executable: keyword,
      command_line: { type: 'keyword', ignore_above: 8192, fields: { text: { type: 'text' } } },
      parent: object({ name: keyword, pid: long, executable: keyword }),
    }),
    network: object({ transport: keyword, protocol: keyword, direction: keyword, application: keyword }),
    url: object({ full: keyword, original: keyword, domain: keyword, path: keyword, query: keyword }),
    http: object({ request: object({ method: keyword }), response: object({ status_code: long }) }),
    user_agent: object({ original: keyword }),
    dns: object({ question: object({ name: keyword, type: keyword }) }),
    file: object({ name: keyword, path: keyword, hash: object({ md5: keyword, sha1: keyword, sha256: keyword }) }),
    log: object({
      level: keyword,
      syslog: object({ appname: keyword, hostname: keyword, procid: keyword, msgid: keyword, facility: object({ code: long }), severity: object({ code: long }) }),
    }),
    observer: object({ name: keyword, hostname: keyword, type: keyword, vendor: keyword, product: keyword }),
    rule: object({ id: keyword, name: keyword }),
    winlog: object({ event_id: keyword, channel: keyword, provider_name: keyword, computer_name: keyword, logon: object({ type: keyword }) }),
  },
};

const alertMapping: Mapping = {
  dynamic: false,
  properties: {
    '@timestamp': date,
    alert: object({ id: keyword, count: long }),
    rule: object({ id: keyword, title: textWithKeyword, level: keyword, type: keyword, author: keyword }),
    event_ids: keyword,
    organization: object({ id: keyword }),
    tags: keyword,
    // `group` keys are rule-defined field names and `events` are whole events: kept, not indexed.
    group: { type: 'object', enabled: false },
    events: { type: 'object', enabled: false },
  },
};

const incidentMapping: Mapping = {
  dynamic: false,
  properties: {
    id: keyword,
    title: textWithKeyword,
    organizationIds: keyword,
    ruleId: keyword,
    ruleTitle: textWithKeyword,
    entity: { type: 'keyword', ignore_above: 1024, fields: { text: { type: 'text' } } },
    severity: keyword,
    severityRank: long,
    status: keyword,
    tlp: keyword,
    assignee: keyword,
    alertIds: keyword,
    alertCount: long,
    eventCount: long,
    firstSeen: date,
    lastSeen: date,
    tags: keyword,
    createdAt: date,
    updatedAt: date,
    version: long,
    mergedInto: keyword,
    entities: keyword,
    ruleIds: keyword,
    campaignId: keyword,
    childIds: keyword,
    tactics: keyword,
    ruleLevel: keyword,
    // The score filters and sorts; the reasons are only shown.
    risk: { properties: { score: long, severity: keyword, reasons: { type: 'object', enabled: false } } },
  },
};

/** The state is read and written whole by id, never searched. */
const incidentStoryMapping: Mapping = { dynamic: false, properties: { key: keyword } };

const organisationMapping: Mapping = {
  dynamic: false,
  properties: {
    id: keyword,
    name: textWithKeyword,
    kind: keyword,
    parentId: keyword,
    networks: keyword,
    domains: keyword,
    reportingRegime: keyword,
    critical: bool,
  },
};

const userMapping: Mapping = {
  dynamic: false,
  properties: { id: keyword, username: keyword, email: keyword, role: keyword, organizationId: keyword, disabled: bool, mustChangePassword: bool, passwordHash: stored, createdAt: date },
};

/** Read and written by id only (the lowercased username). */
const usernameMapping: Mapping = { dynamic: false, properties: { userId: keyword } };

/** Read and written by id only (the throttled key); the attempts are kept, never searched. */
const loginAttemptMapping: Mapping = { dynamic: false, properties: { key: keyword, lockedUntil: long, attempts: { type: 'object', enabled: false } } };

const auditMapping: Mapping = {
  dynamic: false,
  properties: {
    seq: long,
    at: date,
    actor: keyword,
    action: keyword,
    objectType: keyword,
    objectId: keyword,
    organizationId: keyword,
    prevHash: stored,
    hash: keyword,
    before: { type: 'object', enabled: false },
    after: { type: 'object', enabled: false },
  },
};

const leaseMapping: Mapping = { dynamic: false, properties: { name: keyword, holder: keyword, until: date } };

const commentMapping: Mapping = {
  dynamic: false,
  properties: { id: keyword, incidentId: keyword, organizationIds: keyword, authorId: keyword, authorName: keyword, body: { type: 'text' }, createdAt: date },
};

/** Hashes only: the tokens themselves are never stored. */
const refreshTokenMapping: Mapping = {
  dynamic: false,
  properties: { id: keyword, familyId: keyword, userId: keyword, tokenHash: keyword, createdAt: date, expiresAt: date, rotatedAt: date, revokedAt: date },
};

const logSourceMapping: Mapping = {
  dynamic: false,
  properties: { id: keyword, organizationId: keyword, name: textWithKeyword, parser: keyword, tokenHash: keyword, createdAt: date, revokedAt: date },
};

/** The conditions and the reason are shown, never searched: the recorder matches them in memory. */
const suppressionMapping: Mapping = {
  dynamic: false,
  properties: { id: keyword, organizationId: keyword, ruleId: keyword, author: keyword, sourceIncidentId: keyword, createdAt: date, expiresAt: date },
};

/** The draft, the feedback and a version's content are shown and exported, never searched. */
const reportMapping: Mapping = {
  dynamic: false,
  properties: {
    id: keyword,
    organizationId: keyword,
    obligationId: keyword,
    phase: keyword,
    currentVersion: long,
    createdAt: date,
    createdBy: keyword,
    acknowledgedAt: date,
    acknowledgedBy: keyword,
    certTier: keyword,
    incidentIds: keyword,
    draftSavedAt: date,
    updatedAt: date,
    revision: long,
    draft: { type: 'object', enabled: false },
    feedback: { type: 'object', enabled: false },
  },
};

const reportVersionMapping: Mapping = {
  dynamic: false,
  properties: { reportId: keyword, organizationId: keyword, version: long, submittedAt: date, submittedBy: keyword, content: { type: 'object', enabled: false } },
};

/** `open` is derived on write (some phase not yet submitted): the deadlines array cannot answer that in a query. */
const reportObligationMapping: Mapping = {
  dynamic: false,
  properties: {
    id: keyword,
    organizationId: keyword,
    incidentId: keyword,
    regime: keyword,
    awarenessAt: date,
    deadlines: object({ phase: keyword, dueAt: date, submittedAt: date, reportId: keyword }),
    open: bool,
    createdAt: date,
    createdBy: keyword,
    requestedByCert: bool,
    updatedAt: date,
    revision: long,
  },
};

const sentNotificationMapping: Mapping = { dynamic: false, properties: { key: keyword, claimedAt: date, sentAt: date } };

/**
 * `status`, `tlp`, `organizationIds` and `recipientUserIds` carry the visibility filter; the content
 * (products, indicators, audience) is shown and exported, never searched.
 */
const warningMapping: Mapping = {
  dynamic: false,
  properties: {
    id: keyword,
    title: textWithKeyword,
    severity: keyword,
    tlp: keyword,
    status: keyword,
    trackingId: keyword,
    incidentId: keyword,
    organizationIds: keyword,
    recipientUserIds: keyword,
    createdBy: keyword,
    publishedAt: date,
    createdAt: date,
    updatedAt: date,
    version: long,
    audience: { type: 'object', enabled: false },
    products: { type: 'object', enabled: false },
    indicators: { type: 'object', enabled: false },
  },
};

const warningDeliveryMapping: Mapping = {
  dynamic: false,
  properties: {
    warningId: keyword,
    organizationId: keyword,
    deliveredAt: date,
    readAt: date,
    acknowledgedAt: date,
    escalatedAt: date,
    mailedTo: stored,
    mailError: stored,
  },
};

const warningCounterMapping: Mapping = { dynamic: false, properties: { year: long, last: long } };

export interface IndexDefinition {
  name: string;
  settings: estypes.IndicesIndexSettings;
  mappings: Mapping;
}

export interface TemplateDefinition extends IndexDefinition {
  patterns: string[];
}

/**
 * One replica when the cluster has a second node, none on a single node (so a development node stays
 * green). Time-based indices ignore a malformed ip or number in one field instead of rejecting the
 * whole event: parsers see hostile input, and losing the event would lose the evidence.
 */
const COMMON_SETTINGS: estypes.IndicesIndexSettings = { number_of_shards: 1, auto_expand_replicas: '0-1' };
const TIME_BASED_SETTINGS: estypes.IndicesIndexSettings = { ...COMMON_SETTINGS, 'mapping.ignore_malformed': true, 'mapping.total_fields.limit': 2000 };

export function indexDefinitions(names: IndexNames): { templates: TemplateDefinition[]; indices: IndexDefinition[] } {
  return {
    templates: [
      { name: `${names.prefix}-events`, patterns: [names.events], settings: TIME_BASED_SETTINGS, mappings: eventMapping },
      { name: `${names.prefix}-alerts`, patterns: [names.alerts], settings: TIME_BASED_SETTINGS, mappings: alertMapping },
    ],
    indices: [
      { name: names.incidents, settings: COMMON_SETTINGS, mappings: incidentMapping },
      { name: names.incidentStories, settings: COMMON_SETTINGS, mappings: incidentStoryMapping },
      { name: names.organisations, settings: COMMON_SETTINGS, mappings: organisationMapping },
      { name: names.users, settings: COMMON_SETTINGS, mappings: userMapping },
      { name: names.audit, settings: COMMON_SETTINGS, mappings: auditMapping },
      { name: names.leases, settings: COMMON_SETTINGS, mappings: leaseMapping },
      { name: names.comments, settings: COMMON_SETTINGS, mappings: commentMapping },
      { name: names.refreshTokens, settings: COMMON_SETTINGS, mappings: refreshTokenMapping },
      { name: names.usernames, settings: COMMON_SETTINGS, mappings: usernameMapping },
      { name: names.loginAttempts, settings: COMMON_SETTINGS, mappings: loginAttemptMapping },
      { name: names.logSources, settings: COMMON_SETTINGS, mappings: logSourceMapping },
      { name: names.reports, settings: COMMON_SETTINGS, mappings: reportMapping },
      { name: names.reportVersions, settings: COMMON_SETTINGS, mappings: reportVersionMapping },
      { name: names.reportObligations, settings: COMMON_SETTINGS, mappings: reportObligationMapping },
      { name: names.sentNotifications, settings: COMMON_SETTINGS, mappings: sentNotificationMapping },
      { name: names.warnings, settings: COMMON_SETTINGS, mappings: warningMapping },
      { name: names.warningDeliveries, settings: COMMON_SETTINGS, mappings: warningDeliveryMapping },
      { name: names.warningCounters, settings: COMMON_SETTINGS, mappings: warningCounterMapping },
      { name: names.suppressions, settings: COMMON_SETTINGS, mappings: suppressionMapping },
    ],
  };
}
