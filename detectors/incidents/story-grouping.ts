/**
 * Story grouping: which incident each alert of one organisation joins. Pure and deterministic — the
 * decision depends only on the state and the alerts, never on arrival timing — so the incident
 * recorder can store the state with optimistic concurrency and any recorder instance, replaying or
 * racing another, reaches the same answer.
 *
 * An incident claims every entity its alerts name (`host.name=fs01`). A new alert joins the incident
 * that claims one of its entities, seen within the window around the alert's time. When its entities
 * are claimed by several open incidents, the alert shows they are one story: the younger incidents
 * merge into the oldest. Weak alerts (informational, low) join a story about their entities but
 * open one only when the risk gathered on one entity reaches a threshold (risk-based alerting).
 * Joining, they are context: they neither merge stories nor let other weak alerts follow the
 * entities they bring (see StoryClaim.weak).
 *
 * An address is one entity whichever side of a connection names it: the file server scanned as
 * `destination.ip=10.0.0.5` is the host that later resolves a C2 domain as `source.ip=10.0.0.5`, and
 * the attacker's address a host calls back to is the one that scanned it. Claims and risk are kept
 * under `claimKeyOf` of the entity; incidents and merges keep naming the entity as the alert did.
 */

export interface StoryClaim {
  incident: string;
  /** The newest alert time (ISO) at which an alert of the incident named this entity. */
  lastSeen: string;
  /**
   * Only context named this entity: weak alerts that joined the story, or that waited on an entity
   * the story came to claim. It links stronger alerts to the story, never other weak ones, so that
   * the ordinary logons on a domain controller under attack do not pull in every account they name.
   * Context claims accounts, addresses, domains and hashes, never a host: the host of a logon is
   * the server or domain controller everybody logs on to.
   */
  weak?: true;
}

/** Alerts too weak to open an incident, gathered on an entity until they add up (risk-based alerting). */
export interface EntityRisk {
  score: number;
  /** The gathered alerts (id and time), which join the incident the entity ends up in. */
  alerts: { id: string; at: string }[];
  /** The rules whose risk the score holds: each counts once (absent in states written before). */
  rules?: string[];
  lastSeen: string;
}

export interface StoryState {
  claims: Record<string, StoryClaim>;
  /** When each claiming incident was first seen: the oldest wins a merge. */
  firstSeen: Record<string, string>;
  risk?: Record<string, EntityRisk>;
}

export interface StoryItem {
  /** The alert id. */
  key: string;
  /** The rule that raised the alert: an entity's risk counts each rule once. */
  rule: string;
  at: string;
  entities: readonly string[];
  /**
   * What a weak alert (informational, low) adds to the risk of each of its entities; 0 for an alert
   * that opens an incident by itself. A weak alert joins an open story about its entities, else it
   * waits on them until one entity's risk reaches the threshold, which opens the story.
   */
  risk: number;
}

export interface StoryMerge {
  source: string;
  target: string;
  /** The alert that linked them and the entity it shares with the source. */
  alertId: string;
  entity: string;
}

export interface StoryDecision {
  state: StoryState;
  /** Alert id → incident id; alerts that neither join nor open a story are absent. */
  assignments: Map<string, string>;
  merges: StoryMerge[];
  /** Weak alerts that waited on an entity and now join its incident (alert id → incident and alert time). */
  adopted: Map<string, { incident: string; at: string }>;
}

export interface StoryOptions {
  windowMs: number;
  /** The incident a claim stands for now (following an analyst's merge), or undefined when it is no longer open. */
  resolve: (incidentId: string) => string | undefined;
  /** The id of the incident an alert opens; deterministic in the alert. */
  newIncidentId: (item: StoryItem) => string;
  /** Bounds the state of one organisation; the claims seen longest ago go first. */
  maxClaims: number;
  /** The risk on one entity at which its gathered weak alerts open an incident. */
  riskThreshold: number;
}

/** Bounds what one entity gathers; more weak alerts than this add to the score only. */
const MAX_GATHERED_ALERTS = 50;

const ADDRESS_FIELDS = ['source.ip=', 'destination.ip='];
const HOST_FIELD = 'host.name=';

/** The key an entity is claimed and gathers risk under: an address is one entity on either side of a connection. */
export function claimKeyOf(entity: string): string {
  for (const field of ADDRESS_FIELDS) if (entity.startsWith(field)) return `ip=${entity.slice(field.length)}`;
  return entity;
}

export const EMPTY_STORY_STATE: StoryState = Object.freeze({ claims: {}, firstSeen: {}, risk: {} }) as StoryState;

export function assignStories(previous: StoryState, items: readonly StoryItem[], options: StoryOptions): StoryDecision {
  const claims = new Map(Object.entries(previous.claims));
  const firstSeen = new Map(Object.entries(previous.firstSeen));
  const risk = new Map(Object.entries(previous.risk ?? {}));
  const assignments = new Map<string, string>();
  const adopted = new Map<string, { incident: string; at: string }>();
  const merges: StoryMerge[] = [];
  const resolved = new Map<string, string | undefined>();
  const resolve = (id: string): string | undefined => {
    if (!resolved.has(id)) resolved.set(id, options.resolve(id));
    return resolved.get(id);
  };

  for (const item of [...items].sort(byTimeThenKey)) {
    const at = Date.parse(item.at);
    const weak = item.risk > 0;
    const current = (claim: StoryClaim | undefined): claim is StoryClaim => claim !== undefined && Math.abs(Date.parse(claim.lastSeen) - at) <= options.windowMs;
    const linked = new Map<string, string>();
    for (const entity of item.entities) {
      const claim = claims.get(claimKeyOf(entity));
      // A weak alert follows only what stronger evidence established, so weak signs never chain into one another.
      if (!current(claim) || (weak && claim.weak)) continue;
      const incident = resolve(claim.incident);
      if (incident !== undefined && !linked.has(incident)) linked.set(incident, entity);
    }
    if (linked.size === 0 && weak && !gatherRisk(risk, item, options)) continue;
    // Context: a weak alert joining a story. Evidence: any other alert, and the weak alert whose risk opened the story.
    const evidence = !weak || linked.size === 0;
    const target = linked.size === 0 ? options.newIncidentId(item) : oldest([...linked.keys()], firstSeen);
    for (const [source, entity] of evidence ? linked : []) {
      if (source === target) continue;
      merges.push({ source, target, alertId: item.key, entity });
      resolved.set(source, target);
      for (const [key, claim] of claims) if (claim.incident === source) claims.set(key, { ...claim, incident: target });
      const sourceFirst = firstSeen.get(source);
      if (sourceFirst !== undefined && sourceFirst < (firstSeen.get(target) ?? sourceFirst)) firstSeen.set(target, sourceFirst);
      firstSeen.delete(source);
    }
    if (!firstSeen.has(target) || item.at < firstSeen.get(target)!) firstSeen.set(target, item.at);
    resolved.set(target, target);
    const keys = new Set(item.entities.map(claimKeyOf));
    const elsewhere = (other: StoryClaim) => current(other) && resolve(other.incident) !== undefined && resolve(other.incident) !== target;
    for (const key of keys) claim(claims, key, target, item.at, evidence, elsewhere);
    assignments.set(item.key, target);
    if (!evidence) continue;
    // The story now claims these entities: the weak alerts that waited on them belong to it, and
    // what they named (the scanned server's address) becomes context the story can be found by.
    const taken = new Map<string, string>();
    for (const key of keys) {
      const waiting = risk.get(key);
      if (waiting === undefined) continue;
      for (const alert of waiting.alerts) {
        if (alert.id === item.key || assignments.has(alert.id)) continue;
        adopted.set(alert.id, { incident: target, at: alert.at });
        taken.set(alert.id, alert.at);
      }
      risk.delete(key);
    }
    if (taken.size === 0) continue;
    for (const [key, entry] of risk) {
      const rest = entry.alerts.filter((alert) => !taken.has(alert.id));
      if (rest.length === entry.alerts.length) continue;
      const seen = entry.alerts.filter((alert) => taken.has(alert.id)).reduce((latest, alert) => (alert.at > latest ? alert.at : latest), '');
      claim(claims, key, target, seen, false, elsewhere);
      risk.set(key, { ...entry, alerts: rest });
    }
  }
  for (const [alertId, adoption] of adopted) {
    if (assignments.has(alertId)) adopted.delete(alertId);
    else adopted.set(alertId, { ...adoption, incident: resolvedTarget(adoption.incident, merges) });
  }
  return { state: pruned(claims, firstSeen, risk, options), assignments, merges, adopted };
}

/**
 * The story claims an entity. Evidence makes the claim strong; context only names what no other
 * live story claims, and never weakens the story's own strong claim.
 */
function claim(claims: Map<string, StoryClaim>, key: string, incident: string, at: string, evidence: boolean, claimedElsewhere: (claim: StoryClaim) => boolean): void {
  if (!evidence && key.startsWith(HOST_FIELD)) return;
  const previous = claims.get(key);
  const own = previous !== undefined && previous.incident === incident;
  if (!evidence && previous !== undefined && !own && claimedElsewhere(previous)) return;
  const lastSeen = own && previous.lastSeen > at ? previous.lastSeen : at;
  claims.set(key, evidence || (own && !previous.weak) ? { incident, lastSeen } : { incident, lastSeen, weak: true });
}

/**
 * Adds a weak alert's risk to each of its entities (a risk seen longer than the window ago starts
 * over); true when one of them reached the threshold, so that the alert opens the story. Each rule
 * counts once per entity: the hundredth ordinary logon on the domain controller says no more than
 * the first, while different weak signs about one host or account do add up.
 */
function gatherRisk(risk: Map<string, EntityRisk>, item: StoryItem, options: StoryOptions): boolean {
  let reached = false;
  for (const key of new Set(item.entities.map(claimKeyOf))) {
    const current = risk.get(key);
    const fresh = current !== undefined && Math.abs(Date.parse(current.lastSeen) - Date.parse(item.at)) <= options.windowMs;
    const alerts = fresh ? current.alerts : [];
    const rules = fresh ? (current.rules ?? []) : [];
    const counted = rules.includes(item.rule);
    const next: EntityRisk = {
      score: (fresh ? current.score : 0) + (counted ? 0 : item.risk),
      alerts: alerts.some((alert) => alert.id === item.key) || alerts.length >= MAX_GATHERED_ALERTS ? alerts : [...alerts, { id: item.key, at: item.at }],
      rules: counted ? rules : [...rules, item.rule],
      lastSeen: fresh && current.lastSeen > item.at ? current.lastSeen : item.at,
    };
    risk.set(key, next);
    if (next.score >= options.riskThreshold) reached = true;
  }
  return reached;
}

/** An incident adopted into may have been merged further by a later alert of the batch. */
function resolvedTarget(incident: string, merges: readonly StoryMerge[]): string {
  let current = incident;
  for (const merge of merges) if (merge.source === current) current = merge.target;
  return current;
}

/** The incident seen first; ties (and incidents this state never saw) go to the smaller id, so every instance agrees. */
function oldest(incidents: string[], firstSeen: ReadonlyMap<string, string>): string {
  return incidents.reduce((best, candidate) => {
    const a = firstSeen.get(best) ?? '\uffff';
    const b = firstSeen.get(candidate) ?? '\uffff';
    return b < a || (b === a && candidate < best) ? candidate : best;
  });
}

/**
 * Drops the claims older than twice the window before the newest claim (late alerts still find the
 * claims of the last window), then the oldest beyond `maxClaims`, then first-seen times nobody claims.
 */
function pruned(claims: Map<string, StoryClaim>, firstSeen: Map<string, string>, risk: Map<string, EntityRisk>, options: StoryOptions): StoryState {
  let newest = 0;
  for (const claim of claims.values()) newest = Math.max(newest, Date.parse(claim.lastSeen));
  for (const entry of risk.values()) newest = Math.max(newest, Date.parse(entry.lastSeen));
  const keptRisk = [...risk]
    .filter(([, entry]) => newest - Date.parse(entry.lastSeen) <= options.windowMs)
    .sort(([keyA, a], [keyB, b]) => (a.lastSeen === b.lastSeen ? (keyA < keyB ? -1 : 1) : a.lastSeen > b.lastSeen ? -1 : 1))
    .slice(0, options.maxClaims);
  const kept = [...claims].filter(([, claim]) => newest - Date.parse(claim.lastSeen) <= 2 * options.windowMs);
  kept.sort(([keyA, a], [keyB, b]) => (a.lastSeen === b.lastSeen ? (keyA < keyB ? -1 : 1) : a.lastSeen > b.lastSeen ? -1 : 1));
  const bounded = kept.slice(0, options.maxClaims);
  const claimed = new Set(bounded.map(([, claim]) => claim.incident));
  return {
    claims: Object.fromEntries(bounded.sort(([a], [b]) => (a < b ? -1 : 1))),
    firstSeen: Object.fromEntries([...firstSeen].filter(([incident]) => claimed.has(incident)).sort(([a], [b]) => (a < b ? -1 : 1))),
    risk: Object.fromEntries(keptRisk.sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}

function byTimeThenKey(a: StoryItem, b: StoryItem): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
