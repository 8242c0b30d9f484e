import { h } from '../h.js';
import { t } from '../i18n.js';

/** Marks the CERT's incident that links several organisations' own incidents of one story. */
export function campaignBadge(): HTMLElement {
  return h('span', { class: 'campaign-badge' }, t('story.campaign'));
}
