import type { Clock } from '../../core/clock.js';
import { OPEN_STATUSES } from '../../core/domain/incident.js';
import type { Alert } from '../../core/domain/alert.js';
import { ALL, organisationScope } from '../../core/domain/scope.js';
import type { IncidentAlertUpdate, IncidentHead, Store } from '../../core/ports/stores.js';
import { assignStories, claimKeyOf, EMPTY_STORY_STATE, type StoryItem, type StoryMerge, type StoryState } from '../../detectors/incidents/story-grouping.js';
import { auditChange } from '../triage/audit-change.js';
import { casLoop } from './cas-loop.js';

export interface StoryFilingOptions {
  /** Alerts sharing an entity within this time of each other tell one story. */
  windowMs: number;
  /** Claims kept per organisation. */
  maxClaims: number;
  /** The risk gathered on one entity at which weak alerts open an incident. */
  riskThreshold: number;
}

export const DEFAULT_STORY_FILING: StoryFilingOptions = { windowMs: 24 * 3_600_000, maxClaims: 5000, riskThreshold: 100 };

/** An update as the recorder hands it over: addressed to one organisation, with the alert's risk weight (0: it opens an incident itself). */
export type StoryUpdate = IncidentAlertUpdate & { organizationId: string; risk: number };

/** Follows analysts' merges this far; a longer chain is a cycle somebody made by hand. */
const MAX_MERGE_HOPS = 10;
export const SYSTEM_ACTOR = 'lagebild';
/** The story key of alerts from no known organisation; their incidents belong to none (CERT only). */
export const UNATTRIBUTED = '';

/**
 * Decides, per organisation, which incident each alert joins (story grouping), merges the incidents
 * an alert showed to be one story, and returns the updates addressed to the chosen incidents. The
 * decision is written before anything else, with optimistic concurrency on the organisation's state:
 * a recorder that lost the race decides again on the winner's state, and a redelivered batch finds
 * its entities already claimed by the incidents it chose the first time.
 */
export async function fileIntoStories(
  deps: { store: Store; clock: Clock; updateFor: (alert: Alert, organizationId: string) => StoryUpdate },
  updates: readonly StoryUpdate[],
  options: StoryFilingOptions = DEFAULT_STORY_FILING,
): Promise<IncidentAlertUpdate[]> {
  const byOrganisation = new Map<string, StoryUpdate[]>();
  for (const update of updates) {
    const group = byOrganisation.get(update.organizationId);
    if (group === undefined) byOrganisation.set(update.organizationId, [update]);
    else group.push(update);
  }
  const filed: IncidentAlertUpdate[] = [];
  for (const [organizationId, group] of [...byOrganisation].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const items: StoryItem[] = group.map((update) => ({ key: update.alertId, rule: update.ruleId, at: update.at, entities: update.entities ?? [], risk: update.risk }));
    const newIds = new Map(group.map((update) => [update.alertId, update.incidentId]));
    const decision = await casLoop(deps.store.stories, `organisation:${organizationId}`, async (stored) => {
      const state = (stored as StoryState | undefined) ?? EMPTY_STORY_STATE;
      const resolve = await openIncidentResolver(deps.store, claimedIncidents(state, items));
      return assignStories(state, items, { ...options, resolve, newIncidentId: (item) => newIds.get(item.key)! });
    });
    await applyMerges(deps, organizationId, decision.merges);
    const adopted = await adoptedUpdates(deps, organizationId, group, decision.adopted);
    for (const update of group) {
      const incidentId = decision.assignments.get(update.alertId);
      if (incidentId !== undefined) filed.push(addressed(update, incidentId));
    }
    filed.push(...adopted);
  }
  return filed;
}

function addressed(update: StoryUpdate, incidentId: string): IncidentAlertUpdate {
  const result: IncidentAlertUpdate & { risk?: number } = { ...update, incidentId };
  delete result.risk;
  return result;
}

/** The weak alerts that waited on an entity and now join its incident: from this batch when they are in it, else read back from the alert store. */
async function adoptedUpdates(
  deps: { store: Store; updateFor: (alert: Alert, organizationId: string) => StoryUpdate },
  organizationId: string,
  batch: readonly StoryUpdate[],
  adopted: ReadonlyMap<string, { incident: string; at: string }>,
): Promise<IncidentAlertUpdate[]> {
  if (adopted.size === 0) return [];
  const inBatch = new Map(batch.map((update) => [update.alertId, update]));
  const earlier = [...adopted].filter(([alertId]) => !inBatch.has(alertId)).map(([id, { at }]) => ({ id, at }));
  const scope = organizationId === UNATTRIBUTED ? ALL : organisationScope(organizationId);
  const read = earlier.length === 0 ? [] : await deps.store.alerts.getRecent(earlier, scope);
  const updates = new Map([...inBatch, ...read.map((alert) => [alert.alert.id, deps.updateFor(alert, organizationId)] as const)]);
  return [...adopted].flatMap(([alertId, { incident }]) => {
    const update = updates.get(alertId);
    return update === undefined ? [] : [addressed(update, incident)];
  });
}

function claimedIncidents(state: StoryState, items: readonly StoryItem[]): string[] {
  const ids = new Set<string>();
  for (const item of items) {
    for (const entity of item.entities) {
      const claim = state.claims[claimKeyOf(entity)];
      if (claim !== undefined) ids.add(claim.incident);
    }
  }
  return [...ids];
}

/**
 * What each claimed incident stands for now: itself while open, the incident an analyst merged it
 * into, or nothing once closed. An incident the store does not hold yet was chosen by a decision
 * whose writes are still under way, so it counts as open.
 */
async function openIncidentResolver(store: Store, ids: string[]): Promise<(id: string) => string | undefined> {
  const heads = new Map<string, IncidentHead>();
  let wanted = ids;
  for (let hop = 0; hop <= MAX_MERGE_HOPS && wanted.length > 0; hop += 1) {
    const read = await store.incidents.heads(wanted);
    for (const [id, head] of read) heads.set(id, head);
    wanted = [...read.values()].flatMap((head) => (head.mergedInto !== null && !heads.has(head.mergedInto) ? [head.mergedInto] : []));
  }
  return (id) => {
    let current = id;
    for (let hop = 0; hop <= MAX_MERGE_HOPS; hop += 1) {
      const head = heads.get(current);
      if (head === undefined) return current;
      if (head.mergedInto === null) return OPEN_STATUSES.includes(head.status) ? current : undefined;
      current = head.mergedInto;
    }
    return undefined;
  };
}

async function applyMerges(deps: { store: Store; clock: Clock }, storyKey: string, merges: readonly StoryMerge[]): Promise<void> {
  const organizationId = storyKey === UNATTRIBUTED ? null : storyKey;
  const now = deps.clock.now().toISOString();
  for (const merge of merges) {
    if (!(await deps.store.incidents.absorb(merge.source, merge.target, now))) continue;
    const reason = { alertId: merge.alertId, sharedEntity: merge.entity };
    await keepInCampaign(deps, merge, now);
    await auditChange(deps, SYSTEM_ACTOR, {
      action: 'incident.merge',
      objectType: 'incident',
      objectId: merge.source,
      before: { mergedInto: null },
      after: { status: 'closed', mergedInto: merge.target, ...reason },
      organizationId,
    });
    await auditChange(deps, SYSTEM_ACTOR, { action: 'incident.merge', objectType: 'incident', objectId: merge.target, before: {}, after: { mergedSources: [merge.source], ...reason }, organizationId });
  }
}

/**
 * A campaign child merged into an incident of no campaign hands its campaign on: the story it joined
 * is now the organisation's share of the campaign, and the CERT's queue must not list it beside the
 * campaign that already holds part of it.
 */
async function keepInCampaign(deps: { store: Store; clock: Clock }, merge: StoryMerge, now: string): Promise<void> {
  const heads = await deps.store.incidents.heads([merge.source, merge.target]);
  const campaignId = heads.get(merge.source)?.campaignId;
  if (!campaignId || heads.get(merge.target)?.campaignId) return;
  if (!(await deps.store.incidents.linkCampaign(campaignId, merge.target, '', now))) return;
  await auditChange(deps, SYSTEM_ACTOR, {
    action: 'incident.campaign_link',
    objectType: 'incident',
    objectId: campaignId,
    before: {},
    after: { childId: merge.target, mergedFrom: merge.source },
    organizationId: null,
  });
}
