/**
 * Campaigns: when one indicator (a public source address, a domain, a hash) shows up in the incidents
 * of several organisations within the window, those incidents become children of one campaign the
 * CERT works on. Pure and deterministic like story grouping, for the same reason: the state is stored
 * with optimistic concurrency and every recorder instance must reach the same links.
 */

export interface IndicatorSighting {
  /** Organisation → its incident that names the indicator (the newest one). */
  incidents: Record<string, string>;
  lastSeen: string;
}

export interface CampaignState {
  indicators: Record<string, IndicatorSighting>;
  /** Child incident → its campaign; a child belongs to one campaign, the first that claimed it. */
  campaigns: Record<string, string>;
}

export interface CampaignObservation {
  incidentId: string;
  organizationId: string;
  at: string;
  indicators: readonly string[];
}

export interface CampaignLink {
  campaignId: string;
  childId: string;
  /** The indicator the child shares with the campaign's other organisations. */
  indicator: string;
}

export interface CampaignOptions {
  windowMs: number;
  /** Deterministic in the indicator and time that formed the campaign. */
  newCampaignId: (indicator: string, at: string) => string;
  maxIndicators: number;
}

export const EMPTY_CAMPAIGN_STATE: CampaignState = Object.freeze({ indicators: {}, campaigns: {} }) as CampaignState;

export function linkCampaigns(previous: CampaignState, observations: readonly CampaignObservation[], options: CampaignOptions): { state: CampaignState; links: CampaignLink[] } {
  const indicators = new Map(Object.entries(previous.indicators));
  const campaigns = new Map(Object.entries(previous.campaigns));
  const links: CampaignLink[] = [];
  const sorted = [...observations].sort((a, b) => (a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.incidentId < b.incidentId ? -1 : a.incidentId > b.incidentId ? 1 : 0));
  for (const observation of sorted) {
    for (const indicator of observation.indicators) {
      const previousSighting = indicators.get(indicator);
      const fresh = previousSighting !== undefined && Math.abs(Date.parse(previousSighting.lastSeen) - Date.parse(observation.at)) <= options.windowMs;
      const sighting: IndicatorSighting = {
        incidents: { ...(fresh ? previousSighting.incidents : {}), [observation.organizationId]: observation.incidentId },
        lastSeen: fresh && previousSighting.lastSeen > observation.at ? previousSighting.lastSeen : observation.at,
      };
      indicators.set(indicator, sighting);
      const children = Object.values(sighting.incidents);
      if (children.length < 2) continue;
      const existing = children.map((child) => campaigns.get(child)).filter((id): id is string => id !== undefined).sort();
      const campaignId = existing[0] ?? options.newCampaignId(indicator, observation.at);
      for (const child of children.sort()) {
        if (campaigns.has(child)) continue;
        campaigns.set(child, campaignId);
        links.push({ campaignId, childId: child, indicator });
      }
    }
  }
  return { state: prunedCampaigns(indicators, campaigns, options), links };
}

function prunedCampaigns(indicators: Map<string, IndicatorSighting>, campaigns: Map<string, string>, options: CampaignOptions): CampaignState {
  let newest = 0;
  for (const sighting of indicators.values()) newest = Math.max(newest, Date.parse(sighting.lastSeen));
  const kept = [...indicators]
    .filter(([, sighting]) => newest - Date.parse(sighting.lastSeen) <= 2 * options.windowMs)
    .sort(([keyA, a], [keyB, b]) => (a.lastSeen === b.lastSeen ? (keyA < keyB ? -1 : 1) : a.lastSeen > b.lastSeen ? -1 : 1))
    .slice(0, options.maxIndicators);
  const referenced = new Set(kept.flatMap(([, sighting]) => Object.values(sighting.incidents)));
  return {
    indicators: Object.fromEntries(kept.sort(([a], [b]) => (a < b ? -1 : 1))),
    campaigns: Object.fromEntries([...campaigns].filter(([child]) => referenced.has(child)).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}
