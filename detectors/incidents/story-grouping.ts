/**
 * Story grouping: which incident each alert of one organisation joins. Pure and deterministic — the
 * decision depends only on the state and the alerts, never on arrival timing — so the incident
 * recorder can store the state with optimistic concurrency and any recorder instance, replaying or
 * racing another, reaches the same answer.
 *
 * An incident claims every entity its alerts name (`host.name=fs01`). A new alert joins the incident
 * that claims one of its entities, seen within the window around the alert's time. When its entities
 * are claimed by several open incidents, the alert shows they are one story: the younger incidents
 * merge into the oldest.
 */

export interface StoryClaim {
  incident: string;
  /** The newest alert time (ISO) at which an alert of the incident named this entity. */
  lastSeen: string;
}

export interface StoryState {
  claims: Record<string, StoryClaim>;
  /** When each claiming incident was first seen: the oldest wins a merge. */
  firstSeen: Record<string, string>;
}

export interface StoryItem {
  /** The alert id. */
  key: string;
  at: string;
  entities: readonly string[];
  /** False for alerts that may join a story but not start one (informational context). */
  opens: boolean;
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
}

export interface StoryOptions {
  windowMs: number;
  /** The incident a claim stands for now (following an analyst's merge), or undefined when it is no longer open. */
  resolve: (incidentId: string) => string | undefined;
  /** The id of the incident an alert opens; deterministic in the alert. */
  newIncidentId: (item: StoryItem) => string;
  /** Bounds the state of one organisation; the claims seen longest ago go first. */
  maxClaims: number;
}

export const EMPTY_STORY_STATE: StoryState = Object.freeze({ claims: {}, firstSeen: {} }) as StoryState;

export function assignStories(previous: StoryState, items: readonly StoryItem[], options: StoryOptions): StoryDecision {
  const claims = new Map(Object.entries(previous.claims));
  const firstSeen = new Map(Object.entries(previous.firstSeen));
  const assignments = new Map<string, string>();
  const merges: StoryMerge[] = [];
  const resolved = new Map<string, string | undefined>();
  const resolve = (id: string): string | undefined => {
    if (!resolved.has(id)) resolved.set(id, options.resolve(id));
    return resolved.get(id);
  };

  for (const item of [...items].sort(byTimeThenKey)) {
    const at = Date.parse(item.at);
    const linked = new Map<string, string>();
    for (const entity of item.entities) {
      const claim = claims.get(entity);
      if (claim === undefined || Math.abs(Date.parse(claim.lastSeen) - at) > options.windowMs) continue;
      const incident = resolve(claim.incident);
      if (incident !== undefined && !linked.has(incident)) linked.set(incident, entity);
    }
    if (linked.size === 0 && !item.opens) continue;
    const target = linked.size === 0 ? options.newIncidentId(item) : oldest([...linked.keys()], firstSeen);
    for (const [source, entity] of linked) {
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
    for (const entity of item.entities) {
      const claim = claims.get(entity);
      claims.set(entity, { incident: target, lastSeen: claim !== undefined && claim.incident === target && claim.lastSeen > item.at ? claim.lastSeen : item.at });
    }
    assignments.set(item.key, target);
  }
  return { state: pruned(claims, firstSeen, options), assignments, merges };
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
function pruned(claims: Map<string, StoryClaim>, firstSeen: Map<string, string>, options: StoryOptions): StoryState {
  let newest = 0;
  for (const claim of claims.values()) newest = Math.max(newest, Date.parse(claim.lastSeen));
  const kept = [...claims].filter(([, claim]) => newest - Date.parse(claim.lastSeen) <= 2 * options.windowMs);
  kept.sort(([keyA, a], [keyB, b]) => (a.lastSeen === b.lastSeen ? (keyA < keyB ? -1 : 1) : a.lastSeen > b.lastSeen ? -1 : 1));
  const bounded = kept.slice(0, options.maxClaims);
  const claimed = new Set(bounded.map(([, claim]) => claim.incident));
  return {
    claims: Object.fromEntries(bounded.sort(([a], [b]) => (a < b ? -1 : 1))),
    firstSeen: Object.fromEntries([...firstSeen].filter(([incident]) => claimed.has(incident)).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}

function byTimeThenKey(a: StoryItem, b: StoryItem): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
