import type { TimelineEntry } from '../api-types.js';
import { h } from '../h.js';
import { t } from '../i18n.js';

/** The incident recorder's own changes; every other entry shows its action and values as they are. */
const RECORDER = 'lagebild';

function text(value: unknown): string {
  if (Array.isArray(value)) return value.filter((item) => typeof item === 'string').join(', ');
  return typeof value === 'string' ? value : '';
}

/**
 * Story grouping's merges and campaign links in words, with the entity that made the story one;
 * undefined for anything else.
 */
export function timelineText(entry: TimelineEntry): HTMLElement | undefined {
  if (entry.actor !== RECORDER || entry.after === null || typeof entry.after !== 'object') return undefined;
  const after = entry.after as Record<string, unknown>;
  if (entry.action === 'incident.merge') {
    const values = { entity: text(after.sharedEntity), alert: text(after.alertId) };
    if (after.mergedInto !== undefined) return h('span', { class: 'timeline-story' }, t('story.mergedInto', { ...values, incident: text(after.mergedInto) }));
    if (after.mergedSources !== undefined) return h('span', { class: 'timeline-story' }, t('story.mergedSources', { ...values, incidents: text(after.mergedSources) }));
  }
  if (entry.action === 'incident.campaign_link') return h('span', { class: 'timeline-story' }, t('story.campaignLink', { child: text(after.childId), entity: text(after.sharedIndicator) }));
  return undefined;
}
