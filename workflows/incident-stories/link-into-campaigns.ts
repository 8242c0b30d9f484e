import type { Clock } from '../../core/clock.js';
import { deterministicId } from '../../core/ids.js';
import type { IncidentAlertUpdate, Store } from '../../core/ports/stores.js';
import { EMPTY_CAMPAIGN_STATE, linkCampaigns, type CampaignObservation, type CampaignState } from '../../detectors/incidents/campaign-linking.js';
import { indicatorsOf } from '../../detectors/incidents/story-entities.js';
import { auditChange } from '../triage/audit-change.js';
import { casLoop } from './cas-loop.js';
import { SYSTEM_ACTOR, UNATTRIBUTED, type StoryFilingOptions } from './file-into-stories.js';

/** One state for the whole constituency: campaigns are what crosses organisations. */
const CAMPAIGN_STATE_KEY = 'campaigns';
const MAX_INDICATORS = 20_000;

/**
 * Links the organisations' incidents that share an indicator into campaigns, then returns the
 * updates that fold this batch's alerts into the campaigns their incidents belong to. Called after
 * the organisations' incidents are written: a campaign is seeded from its first child.
 */
export async function linkIntoCampaigns(deps: { store: Store; clock: Clock }, filed: readonly IncidentAlertUpdate[], options: StoryFilingOptions): Promise<IncidentAlertUpdate[]> {
  const observations: CampaignObservation[] = filed.flatMap((update) => {
    const indicators = indicatorsOf(update.entities ?? []);
    return indicators.length > 0 && update.organizationId !== null && update.organizationId !== UNATTRIBUTED ? [{ incidentId: update.incidentId, organizationId: update.organizationId, at: update.at, indicators }] : [];
  });
  if (observations.length > 0) {
    const decision = await casLoop(deps.store.stories, CAMPAIGN_STATE_KEY, async (stored) =>
      linkCampaigns((stored as CampaignState | undefined) ?? EMPTY_CAMPAIGN_STATE, observations, {
        windowMs: options.windowMs,
        maxIndicators: MAX_INDICATORS,
        newCampaignId: (indicator, at) => deterministicId('campaign', indicator, at),
      }),
    );
    const now = deps.clock.now().toISOString();
    for (const link of decision.links) {
      const child = filed.find((update) => update.incidentId === link.childId);
      const value = link.indicator.slice(link.indicator.indexOf('=') + 1);
      const title = child === undefined ? value : `${child.ruleTitle} – ${value}`;
      if (!(await deps.store.incidents.linkCampaign(link.campaignId, link.childId, title, now))) continue;
      await auditChange(deps, SYSTEM_ACTOR, {
        action: 'incident.campaign_link',
        objectType: 'incident',
        objectId: link.campaignId,
        before: {},
        after: { childId: link.childId, sharedIndicator: link.indicator },
        organizationId: null,
      });
    }
  }
  const heads = await deps.store.incidents.heads([...new Set(filed.map((update) => update.incidentId))]);
  return filed.flatMap((update) => {
    const campaignId = heads.get(update.incidentId)?.campaignId;
    return campaignId ? [{ ...update, incidentId: campaignId, organizationId: null, organizationIds: [] }] : [];
  });
}
